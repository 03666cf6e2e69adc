package org.karlproject.operator.site.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.status.Health;

/**
 * Everything a rollout decision looks at, read from the informer caches in one go: the handlers are pure
 * functions of this record (and the status they advance), so they are tested without a server. Grouped by
 * what it is about: the site itself, the releases it wants and keeps, its database, its children, its
 * EvolveRuns.
 */
public record SiteView(Site site, Releases releases, Database database, Children children, Evolves evolves) {

    /** The site as observed: its name, the generation of its spec, its settings, and the time of the observation. */
    public record Site(String name, long generation, Settings settings, Instant now) {
    }

    /**
     * @param wanted the revision the spec asks for, or empty while something it needs is missing ({@code waiting})
     * @param wantedGenerations the evolve generations the wanted release expects (ReleaseIndex status)
     * @param keptGenerations the generations each kept release expects, by release name
     * @param stagingVerified the releases the promotion gate's staging site has verified (empty if no gate)
     */
    public record Releases(Optional<Revision> wanted, Health waiting, Map<String, Long> wantedGenerations,
            Map<String, Map<String, Long>> keptGenerations, Set<String> stagingVerified) {
    }

    /**
     * @param deployments the site's release Deployments, by revision
     * @param smokeChecks the smoke-check Jobs, by revision
     * @param stableSelector the stable Service's selector, or null when it does not exist yet
     * @param runtimeMode the mode the runtime ConfigMap tells KARL, or null
     * @param maintenanceReady whether the maintenance page's Deployment is ready
     */
    public record Children(Map<String, Workload> deployments, Map<String, SmokeJob> smokeChecks,
            Map<String, String> stableSelector, String runtimeMode, boolean maintenanceReady) {
    }

    /**
     * @param runs this site's EvolveRuns, succeeded ones first, then newest first
     * @param holdDatabase an EvolveRun holds this site's database read-only ({@code EvolvePhase.holdsReadOnly}),
     *        or this site's data-restore request does (until its traffic switch)
     * @param newRun the builder of the EvolveRun this site creates for a release (pure)
     */
    public record Evolves(List<Evolve> runs, boolean holdDatabase, NewRun newRun) {
    }

    /** Builds the EvolveRun named {@code name} that this site creates for {@code release}. */
    @FunctionalInterface
    public interface NewRun {
        EvolveRun of(String release, String name);
    }

    /** What a revision is: the release, its image, and the short hash naming its Deployment and config copy. */
    public record Revision(String release, String image, String hash) {
    }

    /** The ZeoDatabase as its status reports it. */
    public record Database(String name, boolean ready, String activeVolume, Map<String, Long> generations,
            List<PreviousVolume> previousVolumes) {
    }

    /** A release Deployment as the cache shows it. */
    public record Workload(String name, int replicas, boolean ready) {
    }

    /** A smoke-check Job's outcome. */
    public enum JobState { ABSENT, RUNNING, SUCCEEDED, FAILED }

    /** A smoke-check Job: its outcome, and the rollout attempt (start time) it was made for. */
    public record SmokeJob(JobState state, String attempt) {
    }

    /** The smoke check of this revision in this attempt: an older attempt's verdict does not count. */
    public JobState smokeCheck(String revision, String attempt) {
        SmokeJob job = revision == null ? null : children.smokeChecks().get(revision);
        return job == null || !java.util.Objects.equals(job.attempt(), attempt) ? JobState.ABSENT : job.state();
    }

    /**
     * An EvolveRun for the target release; {@code siteGeneration} is the site's metadata.generation when
     * the site created it (null for a run a person created).
     */
    public record Evolve(String name, String release, EvolvePhase phase, String reason, String created,
            boolean dryRun, Long siteGeneration) {
    }

    /**
     * The EvolveRun that serves this release in the rollout attempt that started at {@code attempt}: a run
     * that failed before this attempt began belongs to an earlier attempt and does not count (a retry gets a
     * run of its own), and a dry run (a rehearsal on a copy) never evolves the database.
     */
    public Optional<Evolve> evolveFor(String release, String attempt) {
        return evolves.runs().stream().filter(e -> java.util.Objects.equals(release, e.release()) && !e.dryRun())
                .filter(e -> e.phase() != EvolvePhase.Failed || attempt == null || failedInThisAttempt(e, release, attempt))
                .findFirst();
    }

    /**
     * Whether a failed run belongs to this attempt, so that it aborts it. A run the site created carries the
     * site's generation of that attempt (an abort holds until the generation changes, so a new generation is
     * a new attempt); a run a person created must be newer than the attempt (timestamps have whole seconds:
     * a run of the same second belongs to the earlier try).
     */
    private boolean failedInThisAttempt(Evolve run, String release, String attempt) {
        if (run.siteGeneration() != null) {
            return run.siteGeneration() == site.generation();
        }
        return run.created() != null && java.time.Instant.parse(run.created()).isAfter(java.time.Instant.parse(attempt));
    }

    /**
     * The name of the EvolveRun an Automatic site creates for this release in this attempt: the attempt is
     * when it started ({@code status.rolloutStartedAt}, whole seconds) and the site's generation (a retry
     * needs a new one, so a retry within the same second still gets a name of its own).
     */
    public String evolveRunName(String release, String attempt) {
        return SiteNames.evolveRun(site.name(), release, attempt + "/" + site.generation());
    }

    /** The mode the site runs in: Maintenance wins, then ReadOnly (asked for, or held by an evolve run). */
    public SiteMode effectiveMode() {
        if (site.settings().mode() == SiteMode.Maintenance) {
            return SiteMode.Maintenance;
        }
        return site.settings().mode() == SiteMode.ReadOnly || evolves.holdDatabase() ? SiteMode.ReadOnly : SiteMode.Normal;
    }

    /**
     * What the stable Service should select for this revision: the maintenance page once it is ready when
     * the effective mode is Maintenance, else the revision's pods.
     */
    public Map<String, String> stableSelectorFor(String revision) {
        return effectiveMode() == SiteMode.Maintenance && children.maintenanceReady() ? Selectors.maintenance(site.name())
                : Selectors.revision(site.name(), revision);
    }

    public Optional<Workload> deployment(String revision) {
        return Optional.ofNullable(revision).map(children.deployments()::get);
    }
}
