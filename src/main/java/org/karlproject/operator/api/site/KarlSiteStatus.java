package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.KarlStatus;

/** Which release is live, what the rollout is doing, and which rollbacks are possible. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KarlSiteStatus extends KarlStatus {

    @JsonPropertyDescription("The release the stable Service selects now.")
    private String activeRelease;

    @JsonPropertyDescription("The release the rollout is moving to (recorded before any child is created).")
    private String targetRelease;

    @JsonPropertyDescription("Where the wanted release comes from: spec.release, or ReleaseTrain NAMESPACE/NAME when "
            + "a train has started this site (its status names the site's release).")
    private String targetSource;

    @JsonPropertyDescription("The last release that was active and healthy; rollbacks go back to it.")
    private String lastStableRelease;

    @JsonPropertyDescription("The rollout phase.")
    private RolloutPhase phase;

    @JsonPropertyDescription("The effective mode: spec.mode, or ReadOnly while an evolve run holds the database.")
    private SiteMode mode;

    @JsonPropertyDescription("The EvolveRun the current rollout waits for, if any.")
    private String evolveRun;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("EvolveRuns this site asks to give up (a rollback or re-target during the evolve, or a "
            + "candidate that failed after it), each of which then serves the database's original volume again, "
            + "untouched since its final snapshot; a name is dropped once its run has finished.")
    private List<String> cancelEvolveRuns = new ArrayList<>();

    @JsonPropertyDescription("The releases this site keeps, newest first, with their state.")
    private List<SiteRelease> releases = new ArrayList<>();

    @JsonPropertyDescription("Releases this site has run and smoke-checked; a production site's promotion gate reads these.")
    private List<VerifiedRelease> verifiedReleases = new ArrayList<>();

    @JsonPropertyDescription("For each kept release, which kind of rollback to it is possible.")
    private List<RollbackOption> rollback = new ArrayList<>();

    @JsonPropertyDescription("Set while a consented data-restore rollback asks the database to serve a retained volume.")
    private DataRestoreRequest dataRestore;

    @JsonPropertyDescription("The last data-restore rollback this site gave up (progress deadline, abort, new target): "
            + "while the database still serves its volume, the database switches back to its backTo, read-only until then.")
    private DataRestoreRequest abandonedDataRestore;

    @JsonPropertyDescription("The revision (hash of the release's image, the copied config and the rendered settings) the stable Service selects.")
    private String activeRevision;

    @JsonPropertyDescription("The revision the rollout is moving to (recorded before any child is created).")
    private String targetRevision;

    @JsonPropertyDescription("When the current rollout started (RFC 3339).")
    private String rolloutStartedAt;

    @JsonPropertyDescription("When the candidate must be ready and smoke-checked (RFC 3339): rollout start (or the end of an evolve run, or of the promotion wait) plus spec.rollout.progressDeadlineSeconds.")
    private String progressDeadline;

    @JsonPropertyDescription("When the stable Service last switched to another revision (RFC 3339); the previous one is scaled down spec.rollout.scaleDownDelaySeconds later.")
    private String switchedAt;

    @JsonPropertyDescription("Where the site answers: its route and URLs (absent without spec.hostnames).")
    private RoutingStatus routing;

    @JsonPropertyDescription("The metadata.generation at which the rollout was aborted; the site retries only once the generation changes.")
    private Long abortedGeneration;

    public String getActiveRelease() {
        return activeRelease;
    }

    public void setActiveRelease(String activeRelease) {
        this.activeRelease = activeRelease;
    }

    public String getTargetRelease() {
        return targetRelease;
    }

    public void setTargetRelease(String targetRelease) {
        this.targetRelease = targetRelease;
    }

    public String getTargetSource() {
        return targetSource;
    }

    public void setTargetSource(String targetSource) {
        this.targetSource = targetSource;
    }

    public String getLastStableRelease() {
        return lastStableRelease;
    }

    public void setLastStableRelease(String lastStableRelease) {
        this.lastStableRelease = lastStableRelease;
    }

    public RolloutPhase getPhase() {
        return phase;
    }

    public void setPhase(RolloutPhase phase) {
        this.phase = phase;
    }

    public SiteMode getMode() {
        return mode;
    }

    public void setMode(SiteMode mode) {
        this.mode = mode;
    }

    public String getEvolveRun() {
        return evolveRun;
    }

    public void setEvolveRun(String evolveRun) {
        this.evolveRun = evolveRun;
    }

    public List<String> getCancelEvolveRuns() {
        return cancelEvolveRuns;
    }

    public void setCancelEvolveRuns(List<String> cancelEvolveRuns) {
        this.cancelEvolveRuns = cancelEvolveRuns == null ? new ArrayList<>() : cancelEvolveRuns;
    }

    public List<SiteRelease> getReleases() {
        return releases;
    }

    public void setReleases(List<SiteRelease> releases) {
        this.releases = releases;
    }

    public List<VerifiedRelease> getVerifiedReleases() {
        return verifiedReleases;
    }

    public void setVerifiedReleases(List<VerifiedRelease> verifiedReleases) {
        this.verifiedReleases = verifiedReleases;
    }

    public List<RollbackOption> getRollback() {
        return rollback;
    }

    public void setRollback(List<RollbackOption> rollback) {
        this.rollback = rollback;
    }

    public DataRestoreRequest getDataRestore() {
        return dataRestore;
    }

    public void setDataRestore(DataRestoreRequest dataRestore) {
        this.dataRestore = dataRestore;
    }

    /**
     * Whether the database, serving {@code activeVolume}, still serves the volume of a data restore this site
     * gave up (it then switches back to the request's backTo, read-only until it has).
     */
    public boolean servesAbandonedDataRestore(String activeVolume) {
        return abandonedDataRestore != null && activeVolume != null
                && activeVolume.equals(abandonedDataRestore.getVolume());
    }

    /**
     * Whether this site's data restore holds its database, serving {@code activeVolume}, read-only: while it
     * is requested (until the traffic switch), and a given-up one while the database still serves its volume.
     * The one statement of the rule, read by the ZeoDatabase and the site's effective mode.
     */
    public boolean dataRestoreHolds(String activeVolume) {
        return dataRestore != null || servesAbandonedDataRestore(activeVolume);
    }

    public DataRestoreRequest getAbandonedDataRestore() {
        return abandonedDataRestore;
    }

    public void setAbandonedDataRestore(DataRestoreRequest abandonedDataRestore) {
        this.abandonedDataRestore = abandonedDataRestore;
    }

    public String getActiveRevision() {
        return activeRevision;
    }

    public void setActiveRevision(String activeRevision) {
        this.activeRevision = activeRevision;
    }

    public String getTargetRevision() {
        return targetRevision;
    }

    public void setTargetRevision(String targetRevision) {
        this.targetRevision = targetRevision;
    }

    public RoutingStatus getRouting() {
        return routing;
    }

    public void setRouting(RoutingStatus routing) {
        this.routing = routing;
    }

    public String getRolloutStartedAt() {
        return rolloutStartedAt;
    }

    public void setRolloutStartedAt(String rolloutStartedAt) {
        this.rolloutStartedAt = rolloutStartedAt;
    }

    public String getProgressDeadline() {
        return progressDeadline;
    }

    public void setProgressDeadline(String progressDeadline) {
        this.progressDeadline = progressDeadline;
    }

    public String getSwitchedAt() {
        return switchedAt;
    }

    public void setSwitchedAt(String switchedAt) {
        this.switchedAt = switchedAt;
    }

    public Long getAbortedGeneration() {
        return abortedGeneration;
    }

    public void setAbortedGeneration(Long abortedGeneration) {
        this.abortedGeneration = abortedGeneration;
    }
}
