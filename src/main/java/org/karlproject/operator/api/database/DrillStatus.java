package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.evolve.VerificationCheck;

/** One backup drill: the backup it restores, its scratch volume and verify Job, and how it ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrillStatus {

    @JsonPropertyDescription("The drill's id: its scratch volume and Job carry it (label deploy.karlproject.org/drill).")
    private String id;

    @JsonPropertyDescription("What made it due: the cron time of spec.backup.verify.schedule, or the Nth backup.")
    private String due;

    @JsonPropertyDescription("The scheduled backup (VolumeSnapshot) it restores.")
    private String backup;

    @JsonPropertyDescription("When that backup was taken (RFC 3339): the age BackupVerified measures.")
    private String backupTime;

    @JsonPropertyDescription("The scratch PVC restored from the backup; deleted when the drill ends.")
    private String scratchVolume;

    @JsonPropertyDescription("The verify Job that checks the scratch volume.")
    private String job;

    @JsonPropertyDescription("The ReleaseIndex whose image runs verify (the release a site serves on this database).")
    private String release;

    @JsonPropertyDescription("The generations the backup's data must hold (the database's when it was taken).")
    private Map<String, Long> generations = new TreeMap<>();

    @JsonPropertyDescription("When the drill started (RFC 3339).")
    private String started;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finished;

    @JsonPropertyDescription("Running, Passed or Failed.")
    private DrillResult result;

    @JsonPropertyDescription("Why it failed, in CamelCase: ChecksFailed, JobFailed, DeadlineExceeded, "
            + "SnapshotGone, ScratchVolumeLost.")
    private String reason;

    @JsonPropertyDescription("What happened, in a sentence.")
    private String message;

    @JsonPropertyDescription("The checks the verify Job reported.")
    private List<VerificationCheck> checks = new ArrayList<>();

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getDue() {
        return due;
    }

    public void setDue(String due) {
        this.due = due;
    }

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        this.backup = backup;
    }

    public String getBackupTime() {
        return backupTime;
    }

    public void setBackupTime(String backupTime) {
        this.backupTime = backupTime;
    }

    public String getScratchVolume() {
        return scratchVolume;
    }

    public void setScratchVolume(String scratchVolume) {
        this.scratchVolume = scratchVolume;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public Map<String, Long> getGenerations() {
        return generations;
    }

    public void setGenerations(Map<String, Long> generations) {
        this.generations = generations;
    }

    public String getStarted() {
        return started;
    }

    public void setStarted(String started) {
        this.started = started;
    }

    public String getFinished() {
        return finished;
    }

    public void setFinished(String finished) {
        this.finished = finished;
    }

    public DrillResult getResult() {
        return result;
    }

    public void setResult(DrillResult result) {
        this.result = result;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<VerificationCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<VerificationCheck> checks) {
        this.checks = checks;
    }
}
