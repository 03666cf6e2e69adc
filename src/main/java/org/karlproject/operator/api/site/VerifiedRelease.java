package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A release this site ran and smoke-checked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VerifiedRelease {

    @JsonPropertyDescription("The ReleaseIndex name.")
    private String release;

    @JsonPropertyDescription("When its smoke check passed (RFC 3339).")
    private String verifiedAt;

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public String getVerifiedAt() {
        return verifiedAt;
    }

    public void setVerifiedAt(String verifiedAt) {
        this.verifiedAt = verifiedAt;
    }
}
