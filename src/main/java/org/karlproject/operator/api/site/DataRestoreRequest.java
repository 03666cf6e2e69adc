package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A site's request that its ZeoDatabase serve a retained pre-evolve volume again (a consented data-restore
 * rollback). The site states the intent in its own status; the ZeoDatabase reconciler, the one writer of
 * the database's status, performs the switch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataRestoreRequest {

    @JsonPropertyDescription("The retained volume the database should serve again (one of its status.previousVolumes).")
    private String volume;

    @JsonPropertyDescription("The release being rolled back to.")
    private String release;

    @JsonPropertyDescription("Writes made since this time (the evolve's switch) are discarded (RFC 3339).")
    private String discardsWritesSince;

    @JsonPropertyDescription("When the rollback was requested (RFC 3339).")
    private String requestedAt;

    @JsonPropertyDescription("The volume the database served when the rollback was requested: the way back if "
            + "the restore is given up.")
    private String backTo;

    public String getBackTo() {
        return backTo;
    }

    public void setBackTo(String backTo) {
        this.backTo = backTo;
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public String getDiscardsWritesSince() {
        return discardsWritesSince;
    }

    public void setDiscardsWritesSince(String discardsWritesSince) {
        this.discardsWritesSince = discardsWritesSince;
    }

    public String getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(String requestedAt) {
        this.requestedAt = requestedAt;
    }
}
