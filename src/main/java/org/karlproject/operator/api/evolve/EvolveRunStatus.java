package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.KarlStatus;

/** Every step of the run, the objects it used, and how long the site was read-only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvolveRunStatus extends KarlStatus {

    @JsonPropertyDescription("The current phase.")
    private EvolvePhase phase;

    @JsonPropertyDescription("Each step taken: name, start, end, outcome.")
    private List<EvolveStepRecord> steps = new ArrayList<>();

    @JsonPropertyDescription("The ZeoDatabase evolved (the site's database).")
    private String database;

    @JsonPropertyDescription("The snapshot taken while writable.")
    private String baseSnapshot;

    @JsonPropertyDescription("The volume the database served when the run started: the source of both snapshots, "
            + "and the previous volume after the switch.")
    private String sourceVolume;

    @JsonPropertyDescription("The consistent snapshot taken while read-only.")
    private String finalSnapshot;

    @JsonPropertyDescription("The volume restored from the final snapshot and evolved.")
    private String restoredVolume;

    @JsonPropertyDescription("The volume the database served before the switch, retained for data rollback.")
    private String previousVolume;

    @JsonPropertyDescription("Why the run gives up after the volume switch: SwitchDeadlineExceeded, or Cancelled (by "
            + "the site, or the site no longer rolls out the release or has stayed missing); set on entering "
            + "SwitchingBack, reported when the run has failed.")
    private SwitchBackReason switchBackReason;

    @JsonPropertyDescription("Since when the run's KarlSite is missing while the run awaits its traffic switch; the "
            + "run gives up only once it has stayed missing (a cache that has not caught up looks the same as a deletion).")
    private String siteMissingSince;

    @JsonPropertyDescription("The evolve Job.")
    private String job;

    @JsonPropertyDescription("The verify Job (Verifying), named on entering the phase.")
    private String verifyJob;

    @JsonPropertyDescription("The Job that asks the read-only ZEO for the live storage's last transaction (Verifying, "
            + "after a passing verification; not in a dry run).")
    private String lastTransactionJob;

    @JsonPropertyDescription("What the verify Job found on the evolved copy: checks, counts, last transaction, duration.")
    private Verification verification;

    @JsonPropertyDescription("The live and the copy's last transaction ids, equal: nothing was written after the final "
            + "snapshot (recorded just before the switch).")
    private TransactionEvidence evidence;

    @JsonPropertyDescription("When the run released its snapshots (deleted baseSnapshot and finalSnapshot): once the "
            + "previous volume its switch retained is no longer kept by the database nor named by a site's rollback "
            + "option (a succeeded run), or once a dry run's copy is gone. Failed runs keep theirs.")
    private String snapshotsReleasedAt;

    @JsonPropertyDescription("The database's generations per manager before the run.")
    private Map<String, Long> fromGenerations = new TreeMap<>();

    @JsonPropertyDescription("The release's generations per manager: the run's target.")
    private Map<String, Long> toGenerations = new TreeMap<>();

    @JsonPropertyDescription("fromGenerations as text, e.g. \"karl=27 osi=3\" (for kubectl get).")
    private String from;

    @JsonPropertyDescription("toGenerations as text, e.g. \"karl=28 osi=4\" (for kubectl get).")
    private String to;

    @JsonPropertyDescription("The catalog indexes the evolve Job reindexes: the union of the steps' declarations.")
    private List<String> reindex = new ArrayList<>();

    @JsonPropertyDescription("When the site entered read-only (RFC 3339). The window lasts until the database is "
            + "writable again: after the site switched traffic to the release, or after the switch back.")
    private String readOnlySince;

    @JsonPropertyDescription("How long the site was read-only, in seconds.")
    private Long readOnlySeconds;

    @JsonPropertyDescription("How long the run took from its first step to its end, in seconds (a dry run's "
            + "rehearsal time).")
    private Long durationSeconds;

    public EvolvePhase getPhase() {
        return phase;
    }

    public void setPhase(EvolvePhase phase) {
        this.phase = phase;
    }

    public List<EvolveStepRecord> getSteps() {
        return steps;
    }

    public void setSteps(List<EvolveStepRecord> steps) {
        this.steps = steps;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getBaseSnapshot() {
        return baseSnapshot;
    }

    public void setBaseSnapshot(String baseSnapshot) {
        this.baseSnapshot = baseSnapshot;
    }

    public String getSourceVolume() {
        return sourceVolume;
    }

    public void setSourceVolume(String sourceVolume) {
        this.sourceVolume = sourceVolume;
    }

    public String getFinalSnapshot() {
        return finalSnapshot;
    }

    public void setFinalSnapshot(String finalSnapshot) {
        this.finalSnapshot = finalSnapshot;
    }

    public String getRestoredVolume() {
        return restoredVolume;
    }

    public void setRestoredVolume(String restoredVolume) {
        this.restoredVolume = restoredVolume;
    }

    public String getPreviousVolume() {
        return previousVolume;
    }

    public void setPreviousVolume(String previousVolume) {
        this.previousVolume = previousVolume;
    }

    public String getSiteMissingSince() {
        return siteMissingSince;
    }

    public void setSiteMissingSince(String siteMissingSince) {
        this.siteMissingSince = siteMissingSince;
    }

    public SwitchBackReason getSwitchBackReason() {
        return switchBackReason;
    }

    public void setSwitchBackReason(SwitchBackReason switchBackReason) {
        this.switchBackReason = switchBackReason;
    }

    public String getSnapshotsReleasedAt() {
        return snapshotsReleasedAt;
    }

    public void setSnapshotsReleasedAt(String snapshotsReleasedAt) {
        this.snapshotsReleasedAt = snapshotsReleasedAt;
    }

    public String getVerifyJob() {
        return verifyJob;
    }

    public void setVerifyJob(String verifyJob) {
        this.verifyJob = verifyJob;
    }

    public String getLastTransactionJob() {
        return lastTransactionJob;
    }

    public void setLastTransactionJob(String lastTransactionJob) {
        this.lastTransactionJob = lastTransactionJob;
    }

    public Verification getVerification() {
        return verification;
    }

    public void setVerification(Verification verification) {
        this.verification = verification;
    }

    public TransactionEvidence getEvidence() {
        return evidence;
    }

    public void setEvidence(TransactionEvidence evidence) {
        this.evidence = evidence;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public Map<String, Long> getFromGenerations() {
        return fromGenerations;
    }

    public void setFromGenerations(Map<String, Long> fromGenerations) {
        this.fromGenerations = fromGenerations;
    }

    public Map<String, Long> getToGenerations() {
        return toGenerations;
    }

    public void setToGenerations(Map<String, Long> toGenerations) {
        this.toGenerations = toGenerations;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public List<String> getReindex() {
        return reindex;
    }

    public void setReindex(List<String> reindex) {
        this.reindex = reindex;
    }

    public String getReadOnlySince() {
        return readOnlySince;
    }

    public void setReadOnlySince(String readOnlySince) {
        this.readOnlySince = readOnlySince;
    }

    public Long getReadOnlySeconds() {
        return readOnlySeconds;
    }

    public void setReadOnlySeconds(Long readOnlySeconds) {
        this.readOnlySeconds = readOnlySeconds;
    }

    public Long getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Long durationSeconds) {
        this.durationSeconds = durationSeconds;
    }
}
