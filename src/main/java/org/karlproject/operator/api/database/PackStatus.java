package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pack of the FileStorage ({@code spec.pack}): its pre-pack snapshot, its Job, and how it ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PackStatus {

    @JsonPropertyDescription("The pack's id: the cron time it is for (RFC 3339).")
    private String id;

    @JsonPropertyDescription("The pre-pack VolumeSnapshot (trigger Pack).")
    private String snapshot;

    @JsonPropertyDescription("The zeo pack Job.")
    private String job;

    @JsonPropertyDescription("When the pack started: its snapshot was requested (RFC 3339).")
    private String started;

    @JsonPropertyDescription("When the pack Job was created (RFC 3339): the duration counts from here.")
    private String jobStarted;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finished;

    @JsonPropertyDescription("Running, Succeeded or Failed.")
    private PackResult result;

    @JsonPropertyDescription("Why it failed, in CamelCase: SnapshotFailed, JobFailed, DeadlineExceeded, NoResult, ReadOnly, NameTaken, PackRemoved.")
    private String reason;

    @JsonPropertyDescription("The FileStorage's size before the pack, as the pack Job reported it.")
    private Long sizeBeforeBytes;

    @JsonPropertyDescription("Its size after the pack.")
    private Long sizeAfterBytes;

    @JsonPropertyDescription("How long the pack Job ran (from its creation to the result).")
    private Long durationSeconds;

    @JsonPropertyDescription("What happened, in a sentence.")
    private String message;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getStarted() {
        return started;
    }

    public void setStarted(String started) {
        this.started = started;
    }

    public String getJobStarted() {
        return jobStarted;
    }

    public void setJobStarted(String jobStarted) {
        this.jobStarted = jobStarted;
    }

    public String getFinished() {
        return finished;
    }

    public void setFinished(String finished) {
        this.finished = finished;
    }

    public PackResult getResult() {
        return result;
    }

    public void setResult(PackResult result) {
        this.result = result;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Long getSizeBeforeBytes() {
        return sizeBeforeBytes;
    }

    public void setSizeBeforeBytes(Long sizeBeforeBytes) {
        this.sizeBeforeBytes = sizeBeforeBytes;
    }

    public Long getSizeAfterBytes() {
        return sizeAfterBytes;
    }

    public void setSizeAfterBytes(Long sizeAfterBytes) {
        this.sizeAfterBytes = sizeAfterBytes;
    }

    public Long getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Long durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
