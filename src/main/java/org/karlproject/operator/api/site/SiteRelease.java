package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One release a site keeps: its Deployment and its state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SiteRelease {

    @JsonPropertyDescription("The ReleaseIndex name.")
    private String release;

    @JsonPropertyDescription("The revision: a short hash of the image, the copied config content and the rendered settings.")
    private String revision;

    @JsonPropertyDescription("The Deployment that runs it.")
    private String deployment;

    @JsonPropertyDescription("Candidate, Active, Kept (scaled to zero for rollback) or Aborted.")
    private ReleaseState state;

    @JsonPropertyDescription("When it entered that state (RFC 3339).")
    private String since;

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(String deployment) {
        this.deployment = deployment;
    }

    public ReleaseState getState() {
        return state;
    }

    public void setState(ReleaseState state) {
        this.state = state;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }
}
