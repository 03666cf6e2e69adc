package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One backup: a VolumeSnapshot of the active volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupRecord {

    @JsonPropertyDescription("The VolumeSnapshot's name.")
    private String name;

    @JsonPropertyDescription("When the snapshot was requested (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Why it was taken: Scheduled, or OnDemand (backup-now); the other values label snapshots "
            + "that are no backup record (Final, Source, Reseed).")
    private BackupTrigger trigger;

    @JsonPropertyDescription("Pending, Ready or Failed.")
    private BackupState state;

    @JsonPropertyDescription("Why it failed, when it did.")
    private String message;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public BackupTrigger getTrigger() {
        return trigger;
    }

    public void setTrigger(BackupTrigger trigger) {
        this.trigger = trigger;
    }

    public BackupState getState() {
        return state;
    }

    public void setState(BackupState state) {
        this.state = state;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
