package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.VerifiedRelease;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.Settings;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.site.rollout.SiteView;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/** Reads the caches once per reconcile and builds the {@link SiteView} the decision works from. Never writes. */
final class SiteObserver {

    /**
     * The Stalled reason of a site whose settings ConfigMap is not in the cache: it does not exist, or lacks the
     * site label the operator selects ConfigMaps by (docs/sites.md).
     */
    static final String CONFIG_NOT_FOUND = "ConfigMissingOrUnlabelled";

    private SiteObserver() {
    }

    /**
     * The view, the full wanted revision (with its config content) for the builders, and the site's children
     * as cached, for the planner.
     */
    record Observation(SiteView view, Optional<Revisions> wanted, SiteChildren children, SiteRoutes.Routes routes) {
    }

    /** What the spec refers to, from the caches. */
    private record Referenced(Optional<ReleaseIndex> release, Optional<ZeoDatabase> database, Optional<ConfigMap> config) {
    }

    static Observation observe(KarlSite site, KarlSiteStatus status, SiteCaches caches, Instant now) {
        String name = site.getMetadata().getName();
        Settings settings = Settings.of(site.getSpec());
        Referenced refs = new Referenced(caches.get(ReleaseIndex.class, site.getSpec().getRelease()),
                caches.get(ZeoDatabase.class, site.getSpec().getDatabase()),
                caches.get(ConfigMap.class, site.getSpec().getConfig()));
        Health waiting = waiting(site, refs);
        Optional<Revisions> wanted = waiting == null ? Optional.of(revision(site, refs)) : Optional.empty();
        SiteChildren children = SiteChildren.observe(caches, name);
        SiteView.Database database = database(site, refs.database());
        SiteView view = new SiteView(new SiteView.Site(name, site.getMetadata().getGeneration(), settings, now),
                releases(status, caches, refs, wanted, waiting, settings), database, children(children, name),
                evolves(site, status, caches, database));
        boolean gatewayApi = caches.caches(HTTPRoute.class);
        Stream<HasMetadata> routes = Stream.concat(caches.everywhere(Ingress.class),
                gatewayApi ? caches.everywhere(HTTPRoute.class) : Stream.empty());
        return new Observation(view, wanted, children, SiteRoutes.observe(site, caches.claimants(site), routes, gatewayApi));
    }

    /** The revision the spec asks for, once the release, the database's endpoint and the config are there. */
    private static Revisions revision(KarlSite site, Referenced refs) {
        Map<String, String> data = refs.config().map(ConfigMap::getData).map(TreeMap::new).orElseGet(TreeMap::new);
        return new Revisions(site.getSpec().getRelease(), refs.release().get().getSpec().getImage(), data,
                Revisions.env(site.getSpec(), refs.database().get().getStatus().getEndpoint()),
                site.getSpec().getResources());
    }

    /** What the wanted revision waits for, or null when it can be made. */
    private static Health waiting(KarlSite site, Referenced refs) {
        Optional<ReleaseIndex> release = refs.release();
        Optional<ZeoDatabase> db = refs.database();
        if (release.isEmpty() || !ready(release.get().getStatus() == null ? null
                : release.get().getStatus().getConditions())) {
            return Health.progressing("WaitingForRelease", "ReleaseIndex " + site.getSpec().getRelease()
                    + (release.isEmpty() ? " does not exist" : " is not Ready yet"));
        }
        if (db.isEmpty() || db.get().getStatus() == null || db.get().getStatus().getEndpoint() == null) {
            return Health.progressing("WaitingForDatabase", "ZeoDatabase " + site.getSpec().getDatabase()
                    + (db.isEmpty() ? " does not exist" : " has no endpoint yet"));
        }
        if (site.getSpec().getConfig() != null && refs.config().isEmpty()) {
            return Health.stalled(CONFIG_NOT_FOUND, "ConfigMap " + site.getSpec().getConfig()
                    + " (spec.config) does not exist or does not carry the label " + Labels.SITE
                    + " (the operator sees only ConfigMaps with that label): kubectl label configmap "
                    + site.getSpec().getConfig() + " " + Labels.SITE + "=" + site.getMetadata().getName());
        }
        return null;
    }

    /** The wanted release, what it and the kept ones expect of the data, and what the promotion gate verified. */
    private static SiteView.Releases releases(KarlSiteStatus status, SiteCaches caches, Referenced refs,
            Optional<Revisions> wanted, Health waiting, Settings settings) {
        Map<String, Map<String, Long>> keptGenerations = new HashMap<>();
        for (SiteRelease kept : status.getReleases()) {
            caches.get(ReleaseIndex.class, kept.getRelease()).map(ri -> ri.getStatus())
                    .filter(Objects::nonNull).ifPresent(s -> keptGenerations.put(kept.getRelease(), s.getGenerations()));
        }
        Map<String, Long> wantedGenerations = refs.release().map(ReleaseIndex::getStatus)
                .map(s -> s.getGenerations()).orElse(Map.of());
        Set<String> stagingVerified = caches.site(settings.requireVerifiedIn()).map(KarlSite::getStatus)
                .map(s -> s.getVerifiedReleases().stream().map(VerifiedRelease::getRelease).collect(Collectors.toSet()))
                .orElse(Set.of());
        return new SiteView.Releases(wanted.map(Revisions::revision), waiting, wantedGenerations,
                keptGenerations, stagingVerified);
    }

    private static SiteView.Database database(KarlSite site, Optional<ZeoDatabase> db) {
        return db.map(d -> new SiteView.Database(d.getMetadata().getName(),
                // serving: Ready, or stalled only at its snapshot limit (it serves as before)
                d.getStatus() != null && org.karlproject.operator.database.SnapshotLimit.serving(d.getStatus().getConditions()),
                d.getStatus() == null ? null : d.getStatus().getActiveVolume(),
                d.getStatus() == null ? Map.of() : d.getStatus().getGenerations(),
                d.getStatus() == null ? List.of() : d.getStatus().getPreviousVolumes()))
                .orElse(new SiteView.Database(site.getSpec().getDatabase(), false, null, Map.of(), List.of()));
    }

    /** The release Deployments and smoke checks by revision, the stable selector, the mode told, the maintenance page. */
    private static SiteView.Children children(SiteChildren children, String name) {
        Map<String, SiteView.Workload> deployments = new HashMap<>();
        children.deployments().values().stream()
                .filter(d -> d.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .forEach(d -> deployments.put(d.getMetadata().getLabels().get(Selectors.REVISION), workload(d)));
        Map<String, String> stableSelector = children.service(SiteNames.stableService(name))
                .map(s -> s.getSpec().getSelector()).orElse(null);
        String runtimeMode = children.configMap(SiteNames.runtime(name)).map(RuntimeConfig::mode).orElse(null);
        boolean maintenanceReady = children.deployment(SiteNames.maintenance(name))
                .map(d -> workload(d).ready()).orElse(false);
        return new SiteView.Children(deployments, smokeChecks(children), stableSelector, runtimeMode,
                maintenanceReady);
    }

    /** The EvolveRuns of this site or on its database, and whether one of them (or a data restore) holds it. */
    private static SiteView.Evolves evolves(KarlSite site, KarlSiteStatus status, SiteCaches caches,
            SiteView.Database database) {
        String name = site.getMetadata().getName();
        List<EvolveRun> runs = new ArrayList<>(caches.list(EvolveRun.class, run -> run.getSpec() != null
                && (name.equals(run.getSpec().getSite()) || (run.getStatus() != null
                        && site.getSpec().getDatabase().equals(run.getStatus().getDatabase())))).toList());
        // the run the status names, created a moment ago: the lookup by name sees this operator's own write
        // before its watch event reaches the informer's list (so it is not created twice)
        Optional.ofNullable(status.getEvolveRun())
                .filter(run -> runs.stream().noneMatch(r -> run.equals(r.getMetadata().getName())))
                .flatMap(run -> caches.get(EvolveRun.class, run)).filter(r -> r.getSpec() != null)
                .ifPresent(runs::add);
        boolean holds = status.dataRestoreHolds(database.activeVolume())
                || runs.stream().anyMatch(r -> holdsReadOnly(r, site.getSpec().getDatabase()));
        return new SiteView.Evolves(evolveRuns(runs, name), holds, (release, run) -> SiteEvolveRun.of(site, release, run));
    }

    /** A run (not a dry run) on {@code database} in a phase that holds it read-only ({@link EvolvePhase#holdsReadOnly}). */
    private static boolean holdsReadOnly(EvolveRun run, String database) {
        return run.getStatus() != null && database.equals(run.getStatus().getDatabase())
                && run.getStatus().getPhase() != null && run.getStatus().getPhase().holdsReadOnly()
                && !Boolean.TRUE.equals(run.getSpec().getDryRun());
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
    private static Map<String, SiteView.SmokeJob> smokeChecks(SiteChildren children) {
        Map<String, SiteView.SmokeJob> jobs = new HashMap<>();
        children.jobs().values().stream().filter(j -> j.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .forEach(j -> jobs.put(j.getMetadata().getLabels().get(Selectors.REVISION), new SiteView.SmokeJob(
                        jobState(j), Optional.ofNullable(j.getMetadata().getAnnotations()).orElse(Map.of())
                                .get(SmokeCheckJob.ATTEMPT))));
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
                        Labels.siteGeneration(r)))
                .toList();
    }
}
