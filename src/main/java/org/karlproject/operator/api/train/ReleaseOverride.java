package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** An explicit release for one site, instead of the one the train would resolve. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReleaseOverride {

    @Required
    @Size(min = 1, max = 63)
    @Pattern(Api.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The site's namespace.")
    private String namespace;

    @Required
    @Size(min = 1, max = 63)
    @Pattern(Api.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The KarlSite.")
    private String site;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The ReleaseIndex (in the site's namespace) the site moves to on this train.")
    private String release;

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }
}
