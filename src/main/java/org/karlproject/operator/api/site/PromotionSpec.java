package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** Staging before production. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionSpec {

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A KarlSite in this namespace (the staging site) that must have run and smoke-checked "
            + "a release before this site moves to it.")
    private String requireVerifiedIn;

    public String getRequireVerifiedIn() {
        return requireVerifiedIn;
    }

    public void setRequireVerifiedIn(String requireVerifiedIn) {
        this.requireVerifiedIn = requireVerifiedIn;
    }
}
