package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.evolve.VerificationCheck;

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

    // ---- backup drills (issue #17) ----
    @JsonPropertyDescription("The evolve generations of the data when the backup was taken (what a drill checks).")
    private Map<String, Long> generations;

    @JsonPropertyDescription("Whether a drill restored this backup and its verify Job passed; unset if never drilled.")
    private Boolean verified;

    @JsonPropertyDescription("When the drill recorded that (RFC 3339).")
    private String verifiedAt;

    @JsonPropertyDescription("The checks of the drill's verify Job.")
    private List<VerificationCheck> checks;

    public Map<String, Long> getGenerations() {
        return generations;
    }

    public void setGenerations(Map<String, Long> generations) {
        this.generations = generations == null ? null : new TreeMap<>(generations);
    }

    public Boolean getVerified() {
        return verified;
    }

    public void setVerified(Boolean verified) {
        this.verified = verified;
    }

    public String getVerifiedAt() {
        return verifiedAt;
    }

    public void setVerifiedAt(String verifiedAt) {
        this.verifiedAt = verifiedAt;
    }

    public List<VerificationCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<VerificationCheck> checks) {
        this.checks = checks == null ? null : new ArrayList<>(checks);
    }
    // ---- end of backup drills ----
}
