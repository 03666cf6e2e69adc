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

    @JsonPropertyDescription("The last release that was active and healthy; rollbacks go back to it.")
    private String lastStableRelease;

    @JsonPropertyDescription("The rollout phase.")
    private RolloutPhase phase;

    @JsonPropertyDescription("The effective mode: spec.mode, or ReadOnly while an evolve run holds the database.")
    private SiteMode mode;

    @JsonPropertyDescription("The EvolveRun the current rollout waits for, if any.")
    private String evolveRun;

    @JsonPropertyDescription("The releases this site keeps, newest first, with their state.")
    private List<SiteRelease> releases = new ArrayList<>();

    @JsonPropertyDescription("Releases this site has run and smoke-checked; a production site's promotion gate reads these.")
    private List<VerifiedRelease> verifiedReleases = new ArrayList<>();

    @JsonPropertyDescription("For each kept release, which kind of rollback to it is possible.")
    private List<RollbackOption> rollback = new ArrayList<>();

    @JsonPropertyDescription("Set while a consented data-restore rollback asks the database to serve a retained volume.")
    private DataRestoreRequest dataRestore;

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
}
