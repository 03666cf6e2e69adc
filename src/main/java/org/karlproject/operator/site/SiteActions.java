package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.ScheduledWorkerSpec;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.WorkerSpec;
import org.karlproject.operator.api.site.WorkersSpec;
import org.karlproject.operator.k8s.CachedWrites;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.site.rollout.Generations;
import org.karlproject.operator.site.rollout.ReleaseList;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteView;

/**
 * Makes the children match the status just recorded (the intent): creates what is missing, updates a field
 * only when it differs from the cached object, deletes what the status no longer keeps. A converged site
 * makes no request here.
 */
final class SiteActions {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The phases in which the candidate runs; not Evolving nor RestoringData: no pod of a release runs before
     * its data is there.
     */
    private static final Set<RolloutPhase> CANDIDATE_PHASES = Set.of(RolloutPhase.Deploying,
            RolloutPhase.SmokeChecking, RolloutPhase.Switching);

    private final KarlSite site;
    private final String name;
    private final SiteCaches caches;
    private final KubernetesClient client;
    private final CachedWrites writes;

    SiteActions(KarlSite site, SiteCaches caches, KubernetesClient client) {
        this.site = site;
        this.name = site.getMetadata().getName();
        this.caches = caches;
        this.client = client;
        this.writes = new CachedWrites(client);
    }

    /** Whether a create or patch succeeded (the reconciler then looks again at once: see {@link CachedWrites}). */
    boolean wrote() {
        return writes.wrote();
    }

    /** Acts on the recorded status; returns when to look again for a timed step (scale-down), if any. */
    Optional<Duration> apply(SiteView view, Optional<Revisions> wanted, KarlSiteStatus next) {
        SiteMode mode = view.effectiveMode();
        ensureRuntime(mode);
        boolean candidate = CANDIDATE_PHASES.contains(next.getPhase());
        wanted.filter(w -> w.hash().equals(candidate ? next.getTargetRevision() : next.getActiveRevision()))
                .ifPresent(this::ensureRevision);
        Optional<Duration> later = scale(view, next, candidate);
        retire(next);
        if (next.getTargetRevision() != null && !next.getTargetRevision().equals(next.getActiveRevision())) {
            ensureService(SiteNames.previewService(name), "preview", Selectors.revision(name, next.getTargetRevision()));
        }
        String selected = next.getPhase() == RolloutPhase.Switching ? next.getTargetRevision() : next.getActiveRevision();
        if (selected != null) {
            ensureService(SiteNames.stableService(name), "stable", view.stableSelectorFor(selected));
        }
        Optional<PodSpec> active = activePod(next);
        ensureMaintenance(active.filter(p -> mode == SiteMode.Maintenance));
        active.ifPresent(pod -> ensureWorkers(pod, mode == SiteMode.Normal));
        if (next.getPhase() == RolloutPhase.SmokeChecking) {
            ensureSmokeCheck(view, next);
        }
        if (next.getPhase() == RolloutPhase.Evolving && view.settings().evolvePolicy() == EvolvePolicy.Automatic
                && view.evolveFor(next.getTargetRelease(), next.getRolloutStartedAt()).isEmpty()
                && Generations.behind(view.database().generations(), view.wantedGenerations())) {
            create(SiteObjects.evolveRun(site, next.getTargetRelease(),
                    view.evolveRunName(next.getTargetRelease(), next.getRolloutStartedAt())));
        }
        return later;
    }

    private void ensureRuntime(SiteMode mode) {
        Optional<ConfigMap> runtime = caches.get(ConfigMap.class, SiteNames.runtime(name));
        if (runtime.isEmpty()) {
            create(SiteObjects.runtime(site, mode.name()));
        } else if (!mode.name().equals(Optional.ofNullable(runtime.get().getData()).map(d -> d.get("mode"))
                .orElse(null))) {
            patch(runtime.get(), MERGE, "{\"data\":{\"mode\":\"" + mode.name() + "\"}}");
        }
    }

    /** The revision's config copy and Deployment (created once; a release Deployment is never re-templated). */
    private void ensureRevision(Revisions revision) {
        String hash = revision.hash();
        if (caches.get(ConfigMap.class, SiteNames.configCopy(name, hash)).isEmpty()) {
            create(SiteObjects.configCopy(site, hash, revision.config()));
        }
        if (caches.get(Deployment.class, SiteNames.deployment(name, revision.release(), hash)).isEmpty()) {
            create(SiteObjects.releaseDeployment(site, revision, view0Replicas()));
        }
    }

    private int view0Replicas() {
        return Optional.ofNullable(site.getSpec().getReplicas()).orElse(1);
    }

    /**
     * Active and candidate at spec.replicas; kept ones to zero once the delay after the switch has passed, or
     * at once when the database is not at their generations.
     */
    private Optional<Duration> scale(SiteView view, KarlSiteStatus next, boolean candidate) {
        Instant due = next.getSwitchedAt() == null ? Instant.MIN
                : Instant.parse(next.getSwitchedAt()).plusSeconds(view.settings().scaleDownDelaySeconds());
        Optional<Duration> later = Optional.empty();
        for (SiteRelease r : next.getReleases()) {
            Optional<Deployment> d = caches.get(Deployment.class, r.getDeployment());
            if (d.isEmpty()) {
                continue;
            }
            Integer desired;
            boolean target = candidate && r.getRevision().equals(next.getTargetRevision());
            if (target || r.getRevision().equals(next.getActiveRevision())) {
                desired = view.settings().replicas();
            } else if (ReleaseList.KEPT.equals(r.getState()) && view.now().isBefore(due)
                    && matchesData(view, r.getRelease())) {
                desired = null; // still warm for the delay after the switch
                if (Optional.ofNullable(d.get().getSpec().getReplicas()).orElse(1) > 0) {
                    later = Optional.of(Duration.between(view.now(), due).plusSeconds(1));
                }
            } else {
                desired = 0;
            }
            if (desired != null && !desired.equals(d.get().getSpec().getReplicas())
                    && (desired == 0 || !Autoscaling.scaledByAutoscaler(caches, d.get()))) {
                int replicas = desired;
                // One merge patch of spec.replicas, based on the cached object (no read first).
                patch(d.get(), MERGE, "{\"spec\":{\"replicas\":" + replicas + "}}");
            }
        }
        return later;
    }

    /**
     * A kept release stays warm only on data at its own generations: after an evolve (or a data restore) it
     * could come back only with a data restore, and its pods would run against data they do not expect.
     */
    private static boolean matchesData(SiteView view, String release) {
        java.util.Map<String, Long> expects = view.keptGenerations().get(release);
        java.util.Map<String, Long> has = view.database().generations();
        return !Generations.behind(has, expects) && !Generations.ahead(has, expects);
    }

    /**
     * Deletes release Deployments and config copies of revisions the status no longer keeps (never any data).
     * Only once the status knows its active revision (a site whose status was lost deletes nothing), and
     * only objects this very site controls.
     */
    private void retire(KarlSiteStatus next) {
        if (next.getActiveRevision() == null) {
            return;
        }
        Set<String> kept = next.getReleases().stream().map(SiteRelease::getRevision).collect(Collectors.toSet());
        Optional.ofNullable(next.getTargetRevision()).ifPresent(kept::add);
        kept.add(next.getActiveRevision());
        caches.children(Deployment.class, name)
                .filter(d -> d.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .filter(d -> !kept.contains(d.getMetadata().getLabels().get(Selectors.REVISION)))
                .filter(this::controlled)
                .forEach(this::delete);
        Set<String> copies = kept.stream().map(r -> SiteNames.configCopy(name, r)).collect(Collectors.toSet());
        caches.children(ConfigMap.class, name)
                .filter(cm -> "config".equals(cm.getMetadata().getLabels().get(Labels.COMPONENT)))
                .filter(cm -> !copies.contains(cm.getMetadata().getName()))
                .filter(this::controlled)
                .forEach(this::delete);
    }

    private boolean controlled(HasMetadata child) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController())
                        && Objects.equals(o.getUid(), site.getMetadata().getUid()));
    }

    private void ensureService(String serviceName, String component, Map<String, String> selector) {
        Optional<Service> service = caches.get(Service.class, serviceName);
        if (service.isEmpty()) {
            create(SiteObjects.service(site, serviceName, component, selector));
        } else if (!Objects.equals(selector, service.get().getSpec().getSelector())) {
            // The switch: one write of the selector, replaced whole (a JSON patch "replace").
            patch(service.get(), PatchContext.of(PatchType.JSON), selectorPatch(selector));
        }
    }

    /** A JSON patch that replaces the whole selector: no key of the old one survives. */
    static String selectorPatch(Map<String, String> selector) {
        try {
            Map<String, Object> replace = new java.util.LinkedHashMap<>();
            replace.put("op", "replace");
            replace.put("path", "/spec/selector");
            replace.put("value", new java.util.TreeMap<>(selector));
            return PLAIN_JSON.writeValueAsString(java.util.List.of(replace));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<PodSpec> activePod(KarlSiteStatus next) {
        return next.getReleases().stream().filter(r -> Objects.equals(r.getRevision(), next.getActiveRevision()))
                .findFirst().flatMap(r -> caches.get(Deployment.class, r.getDeployment()))
                .map(d -> d.getSpec().getTemplate().getSpec());
    }

    private void ensureMaintenance(Optional<PodSpec> active) {
        Optional<Deployment> existing = caches.get(Deployment.class, SiteNames.maintenance(name));
        if (active.isPresent()) {
            ensureWorkload(existing, SiteWorkers.maintenance(site, active.get()));
        } else {
            existing.ifPresent(this::delete);
        }
    }

    private void ensureWorkers(PodSpec active, boolean run) {
        WorkersSpec workers = Optional.ofNullable(site.getSpec().getWorkers()).orElseGet(WorkersSpec::new);
        for (String worker : new String[] {SiteWorkers.MAILIN, SiteWorkers.MAILOUT}) {
            WorkerSpec spec = SiteWorkers.MAILIN.equals(worker) ? workers.getMailin() : workers.getMailout();
            boolean enabled = spec == null || !Boolean.FALSE.equals(spec.getEnabled());
            ensureWorkload(caches.get(Deployment.class, SiteNames.worker(name, worker)),
                    SiteWorkers.daemon(site, worker, active, enabled && run));
        }
        ScheduledWorkerSpec digest = Optional.ofNullable(workers.getDigest()).orElseGet(ScheduledWorkerSpec::new);
        ensureWorkload(caches.get(CronJob.class, SiteNames.worker(name, SiteWorkers.DIGEST)),
                SiteWorkers.digest(site, active, digest.getSchedule(), !Boolean.FALSE.equals(digest.getEnabled()) && run));
    }

    /** Creates the workload, or replaces its spec when the desired one (by its spec hash) differs. */
    private <T extends HasMetadata> void ensureWorkload(Optional<T> existing, T desired) {
        if (existing.isEmpty()) {
            create(desired);
            return;
        }
        String want = desired.getMetadata().getAnnotations().get(SiteObjects.SPEC_HASH);
        String have = Optional.ofNullable(existing.get().getMetadata().getAnnotations()).orElse(Map.of())
                .get(SiteObjects.SPEC_HASH);
        if (!want.equals(have)) {
            writes.edit(caches.cacheOf(existing.get()), existing.get(), current -> {
                SiteWorkers.keepOthersAnnotations(current, desired);
                setSpec(current, desired);
                return current;
            });
        }
    }

    private static void setSpec(HasMetadata current, HasMetadata desired) {
        if (current instanceof Deployment d) {
            d.setSpec(((Deployment) desired).getSpec());
        } else if (current instanceof CronJob c) {
            c.setSpec(((CronJob) desired).getSpec());
        }
    }

    private void ensureSmokeCheck(SiteView view, KarlSiteStatus next) {
        String jobName = SiteNames.smokeCheck(name, next.getTargetRevision());
        Optional<Job> existing = caches.get(Job.class, jobName);
        String attempt = next.getRolloutStartedAt();
        if (existing.isEmpty()) {
            create(SiteWorkers.smokeCheck(site, next.getTargetRevision(), view.wanted().orElseThrow().image(), attempt));
        } else if (!attempt.equals(Optional.ofNullable(existing.get().getMetadata().getAnnotations())
                .orElse(Map.of()).get(SiteWorkers.ATTEMPT))) {
            delete(existing.get()); // an earlier attempt's Job; the next attempt's is created once it is gone
        }
    }

    private void create(HasMetadata object) {
        writes.create(caches.cacheOf(object), object);
    }

    /** One patch, based on the cached object (no read first), through the cache. */
    private <T extends HasMetadata> void patch(T cached, PatchContext type, String patch) {
        writes.update(caches.cacheOf(cached), cached, c -> client.resource(c).patch(type, patch));
    }

    private void delete(HasMetadata object) {
        client.resource(object).delete();
    }

    private String ns() {
        return site.getMetadata().getNamespace();
    }
}
