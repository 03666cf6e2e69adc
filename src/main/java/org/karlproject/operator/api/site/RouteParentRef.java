package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** A Gateway an HTTPRoute attaches to (owned by the platform team, not by the operator). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteParentRef {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The Gateway's name.")
    private String name;

    @Size(min = 1, max = 63)
    @Pattern(Api.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("The Gateway's namespace; omit for the site's own.")
    private String namespace;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The Gateway listener to attach to (its TLS certificate serves the site); omit for every "
            + "listener that accepts the route.")
    private String sectionName;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSectionName() {
        return sectionName;
    }

    public void setSectionName(String sectionName) {
        this.sectionName = sectionName;
    }
}
