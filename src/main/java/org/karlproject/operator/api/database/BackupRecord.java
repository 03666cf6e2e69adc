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

    @JsonPropertyDescription("Why: Scheduled, OnDemand (backup-now) or Final (before deletion).")
    private String trigger;

    @JsonPropertyDescription("Pending, Ready or Failed.")
    private String state;

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

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
