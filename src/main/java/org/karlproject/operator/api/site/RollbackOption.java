package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether a kept release can be rolled back to, and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackOption {

    @JsonPropertyDescription("The kept release.")
    private String release;

    @JsonPropertyDescription("FastSwitch (no evolve since: scale up and switch) or DataRestore (the database was "
            + "evolved past it: needs spec.rollback.allowDataRestore and discards writes since the evolve) or Unavailable (evolved past it "
            + "and no retained volume matches it).")
    private RollbackKind kind;

    @JsonPropertyDescription("For DataRestore: the retained pre-evolve volume it would switch back to.")
    private String volume;

    @JsonPropertyDescription("For DataRestore: since when writes would be discarded (RFC 3339).")
    private String discardsWritesSince;

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public RollbackKind getKind() {
        return kind;
    }

    public void setKind(RollbackKind kind) {
        this.kind = kind;
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getDiscardsWritesSince() {
        return discardsWritesSince;
    }

    public void setDiscardsWritesSince(String discardsWritesSince) {
        this.discardsWritesSince = discardsWritesSince;
    }
}
