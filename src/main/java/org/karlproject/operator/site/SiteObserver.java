package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.VerifiedRelease;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.Settings;
import org.karlproject.operator.site.rollout.SiteView;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/** Reads the caches once per reconcile and builds the {@link SiteView} the decision works from. Never writes. */
final class SiteObserver {

    private SiteObserver() {
    }

    /** The view, and the full wanted revision (with its config content) for the builders. */
    record Observation(SiteView view, Optional<Revisions> wanted) {
    }

    static Observation observe(KarlSite site, KarlSiteStatus status, SiteCaches caches, Instant now) {
        String name = site.getMetadata().getName();
        Settings settings = Settings.of(site.getSpec());
        Optional<ZeoDatabase> db = caches.get(ZeoDatabase.class, site.getSpec().getDatabase());
        Optional<ReleaseIndex> release = caches.get(ReleaseIndex.class, site.getSpec().getRelease());
        Optional<ConfigMap> config = caches.get(ConfigMap.class, site.getSpec().getConfig());

        Health waiting = null;
        Optional<Revisions> wanted = Optional.empty();
        if (release.isEmpty() || !ready(release.get().getStatus() == null ? null
                : release.get().getStatus().getConditions())) {
            waiting = Health.progressing("WaitingForRelease", "ReleaseIndex " + site.getSpec().getRelease()
                    + (release.isEmpty() ? " does not exist" : " is not Ready yet"));
        } else if (db.isEmpty() || db.get().getStatus() == null || db.get().getStatus().getEndpoint() == null) {
            waiting = Health.progressing("WaitingForDatabase", "ZeoDatabase " + site.getSpec().getDatabase()
                    + (db.isEmpty() ? " does not exist" : " has no endpoint yet"));
        } else if (site.getSpec().getConfig() != null && config.isEmpty()) {
            waiting = Health.progressing("WaitingForConfig", "ConfigMap " + site.getSpec().getConfig()
                    + " (spec.config) does not exist");
        } else {
            Map<String, String> data = config.map(ConfigMap::getData).map(TreeMap::new).orElseGet(TreeMap::new);
            wanted = Optional.of(new Revisions(site.getSpec().getRelease(), release.get().getSpec().getImage(), data,
                    Revisions.env(site.getSpec(), db.get().getStatus().getEndpoint()), site.getSpec().getResources()));
        }

        Map<String, SiteView.Workload> deployments = new HashMap<>();
        caches.children(Deployment.class, name)
                .filter(d -> d.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .forEach(d -> deployments.put(d.getMetadata().getLabels().get(Selectors.REVISION), workload(d)));

        Map<String, Map<String, Long>> keptGenerations = new HashMap<>();
        for (SiteRelease kept : status.getReleases()) {
            caches.get(ReleaseIndex.class, kept.getRelease()).map(ri -> ri.getStatus())
                    .filter(Objects::nonNull).ifPresent(s -> keptGenerations.put(kept.getRelease(), s.getGenerations()));
        }
        Map<String, Long> wantedGenerations = release.map(ReleaseIndex::getStatus)
                .map(s -> s.getGenerations()).orElse(Map.of());

        SiteView.Database database = db.map(d -> new SiteView.Database(d.getMetadata().getName(),
                d.getStatus() != null && ready(d.getStatus().getConditions()),
                d.getStatus() == null ? null : d.getStatus().getActiveVolume(),
                d.getStatus() == null ? Map.of() : d.getStatus().getGenerations(),
                d.getStatus() == null ? List.of() : d.getStatus().getPreviousVolumes()))
                .orElse(new SiteView.Database(site.getSpec().getDatabase(), false, null, Map.of(), List.of()));

        List<EvolveRun> runs = caches.list(EvolveRun.class, run -> run.getSpec() != null
                && (name.equals(run.getSpec().getSite()) || (run.getStatus() != null
                        && site.getSpec().getDatabase().equals(run.getStatus().getDatabase())))).toList();
        boolean holds = status.dataRestoreHolds(database.activeVolume()) || runs.stream().anyMatch(r ->
                org.karlproject.operator.evolve.Holds.holds(r, site.getSpec().getDatabase()));

        Set<String> stagingVerified = caches.site(settings.requireVerifiedIn()).map(KarlSite::getStatus)
                .map(s -> s.getVerifiedReleases().stream().map(VerifiedRelease::getRelease).collect(Collectors.toSet()))
                .orElse(Set.of());

        Map<String, String> stableSelector = caches.get(Service.class, SiteNames.stableService(name))
                .map(s -> s.getSpec().getSelector()).orElse(null);
        String runtimeMode = caches.get(ConfigMap.class, SiteNames.runtime(name))
                .map(ConfigMap::getData).map(d -> d.get("mode")).orElse(null);
        boolean maintenanceReady = caches.get(Deployment.class, SiteNames.maintenance(name))
                .map(d -> workload(d).ready()).orElse(false);

        SiteView view = new SiteView(name, site.getMetadata().getGeneration(), settings, now,
                wanted.map(Revisions::revision), waiting, wantedGenerations, keptGenerations, database, deployments,
                smokeChecks(caches, name), evolveRuns(runs, name), holds,
                stagingVerified, stableSelector, runtimeMode, maintenanceReady);
        return new Observation(view, wanted);
    }

    static boolean ready(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
        return Conditions.isTrue(conditions, Conditions.READY);
    }

    static SiteView.Workload workload(Deployment d) {
        int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        boolean ready = org.karlproject.operator.k8s.Rollouts.complete(d);
        return new SiteView.Workload(d.getMetadata().getName(), replicas, ready);
    }

    /** The site's smoke-check Jobs by revision, with the attempt each belongs to. */
    private static Map<String, SiteView.SmokeJob> smokeChecks(SiteCaches caches, String site) {
        Map<String, SiteView.SmokeJob> jobs = new HashMap<>();
        caches.children(Job.class, site).filter(j -> j.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .forEach(j -> jobs.put(j.getMetadata().getLabels().get(Selectors.REVISION), new SiteView.SmokeJob(
                        jobState(j), Optional.ofNullable(j.getMetadata().getAnnotations()).orElse(Map.of())
                                .get(SiteWorkers.ATTEMPT))));
        return jobs;
    }

    static SiteView.JobState jobState(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return SiteView.JobState.RUNNING;
        }
        for (var c : job.getStatus().getConditions()) {
            if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                return SiteView.JobState.SUCCEEDED;
            }
            if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                return SiteView.JobState.FAILED;
            }
        }
        return SiteView.JobState.RUNNING;
    }

    /** This site's EvolveRuns (dry runs are rehearsals and never count): succeeded ones first, then the newest. */
    private static List<SiteView.Evolve> evolveRuns(List<EvolveRun> runs, String site) {
        return runs.stream()
                .filter(r -> site.equals(r.getSpec().getSite()) && !Boolean.TRUE.equals(r.getSpec().getDryRun()))
                .sorted(Comparator.comparing((EvolveRun r) -> r.getStatus() != null
                        && r.getStatus().getPhase() == EvolvePhase.Succeeded).reversed()
                        .thenComparing(r -> r.getMetadata().getCreationTimestamp(),
                                Comparator.nullsFirst(Comparator.reverseOrder())))
                .map(r -> new SiteView.Evolve(r.getMetadata().getName(), r.getSpec().getRelease(),
                        r.getStatus() == null ? null : r.getStatus().getPhase(),
                        r.getStatus() == null ? null : Conditions.health(r.getStatus().getConditions())
                                .map(Health::reason).orElse(null),
                        r.getMetadata().getCreationTimestamp(), Boolean.TRUE.equals(r.getSpec().getDryRun()),
                        SiteObjects.siteGeneration(r)))
                .toList();
    }
}
