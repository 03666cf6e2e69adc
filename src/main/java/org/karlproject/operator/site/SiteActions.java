package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.ScheduledWorkerSpec;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.api.site.WorkersSpec;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.site.rollout.SiteView;
import org.karlproject.operator.status.Health;

/**
 * Plans the writes that make the children match the status just decided (pure: what it returns,
 * {@link ChildWriter} carries out after the status is recorded): creates what is missing, edits a field only
 * when it differs from the cached object, deletes what the status no longer keeps. A converged site plans
 * no create, edit or delete (only the ensures of the workloads handed over at the switch, which find them as
 * wanted and write nothing). The rollout decided everything here; the EvolveRun is its step's own intent.
 */
final class SiteActions {

    /**
     * The phases in which the candidate runs; not Evolving nor RestoringData: no pod of a release runs before
     * its data is there.
     */
    private static final Set<RolloutPhase> CANDIDATE_PHASES = Set.of(RolloutPhase.Deploying,
            RolloutPhase.SmokeChecking, RolloutPhase.Switching);

    /**
     * The plan, when to look again for a timed step (the scale-down after the switch), if any, and the
     * routes' own verdict (a host name another site has), if any.
     */
    record Planned(Plan plan, Optional<Duration> later, Optional<Health> routing) {
    }

    private final KarlSite site;
    private final String name;
    private final SiteView view;
    private final SiteChildren children;
    private final KarlSiteStatus next;
    private final Plan plan = Plan.none();

    private SiteActions(KarlSite site, SiteView view, SiteChildren children, KarlSiteStatus next) {
        this.site = site;
        this.name = site.getMetadata().getName();
        this.view = view;
        this.children = children;
        this.next = next;
    }

    /** The writes for the decided status {@code next}, from what was observed. */
    static Planned plan(KarlSite site, SiteView view, Optional<Revisions> wanted, SiteChildren children,
            SiteRoutes.Routes routes, KarlSiteStatus next) {
        return new SiteActions(site, view, children, next).plan(wanted, routes);
    }

    private Planned plan(Optional<Revisions> wanted, SiteRoutes.Routes routes) {
        SiteMode mode = view.effectiveMode();
        runtime(mode);
        boolean candidate = CANDIDATE_PHASES.contains(next.getPhase());
        wanted.filter(w -> w.hash().equals(candidate ? next.getTargetRevision() : next.getActiveRevision()))
                .ifPresent(this::revision);
        Optional<Duration> later = scale(candidate);
        retire();
        if (next.getTargetRevision() != null && !next.getTargetRevision().equals(next.getActiveRevision())) {
            service(SiteNames.previewService(name), "preview", Selectors.revision(name, next.getTargetRevision()));
        }
        String selected = next.getPhase() == RolloutPhase.Switching ? next.getTargetRevision() : next.getActiveRevision();
        if (selected != null) {
            service(SiteNames.stableService(name), "stable", view.stableSelectorFor(selected));
        }
        Optional<PodSpec> active = activePod();
        maintenance(active.filter(p -> mode == SiteMode.Maintenance));
        active.ifPresent(pod -> workers(pod, mode == SiteMode.Normal));
        if (next.getPhase() == RolloutPhase.SmokeChecking) {
            smokeCheck(wanted.orElseThrow().image());
        }
        boolean preview = candidate && !Objects.equals(next.getTargetRevision(), next.getActiveRevision());
        Optional<Health> routing = SiteRoutes.plan(site, next, routes, preview, children, plan);
        return new Planned(plan, later, routing);
    }

    private void runtime(SiteMode mode) {
        Optional<ConfigMap> runtime = children.configMap(SiteNames.runtime(name));
        if (runtime.isEmpty()) {
            plan.create(RuntimeConfig.of(site, mode));
        } else if (!mode.name().equals(RuntimeConfig.mode(runtime.get()))) {
            plan.edit(runtime.get(), cm -> RuntimeConfig.withMode(cm, mode));
        }
    }

    /** The revision's config copy and Deployment (created once; a release Deployment is never re-templated). */
    private void revision(Revisions revision) {
        if (children.configMap(SiteNames.configCopy(name, revision.hash())).isEmpty()) {
            plan.create(ConfigCopy.of(site, revision.hash(), revision.config()));
        }
        if (children.deployment(SiteNames.deployment(name, revision.release(), revision.hash())).isEmpty()) {
            plan.create(ReleaseDeployment.of(site, revision, view.site().settings().replicas()));
        }
    }

    /**
     * Active and candidate at spec.replicas; kept ones to zero once the delay after the switch has passed, or
     * at once when the database is not at their generations.
     */
    private Optional<Duration> scale(boolean candidate) {
        Instant due = next.getSwitchedAt() == null ? Instant.MIN
                : Instant.parse(next.getSwitchedAt()).plusSeconds(view.site().settings().scaleDownDelaySeconds());
        Optional<Duration> later = Optional.empty();
        for (SiteRelease r : next.getReleases()) {
            Optional<Deployment> d = children.deployment(r.getDeployment());
            if (d.isEmpty()) {
                continue;
            }
            Integer desired;
            boolean target = candidate && r.getRevision().equals(next.getTargetRevision());
            if (target || r.getRevision().equals(next.getActiveRevision())) {
                desired = view.site().settings().replicas();
            } else if (r.getState() == ReleaseState.Kept && view.site().now().isBefore(due)
                    && matchesData(r.getRelease())) {
                desired = null; // still warm for the delay after the switch
                if (Optional.ofNullable(d.get().getSpec().getReplicas()).orElse(1) > 0) {
                    later = Optional.of(Duration.between(view.site().now(), due).plusSeconds(1));
                }
            } else {
                desired = 0;
            }
            if (desired != null && !desired.equals(d.get().getSpec().getReplicas())
                    && (desired == 0 || !children.autoscaled().contains(d.get().getMetadata().getName()))) {
                int replicas = desired;
                plan.edit(d.get(), deployment -> {
                    deployment.getSpec().setReplicas(replicas);
                    return deployment;
                });
            }
        }
        return later;
    }

    /**
     * A kept release stays warm only on data at its own generations: after an evolve (or a data restore) it
     * could come back only with a data restore, and its pods would run against data they do not expect.
     */
    private boolean matchesData(String release) {
        return Generations.matches(view.database().generations(), view.releases().keptGenerations().get(release));
    }

    /**
     * Deletes release Deployments and config copies of revisions the status no longer keeps (never any data).
     * Only once the status knows its active revision (a site whose status was lost deletes nothing), and
     * only objects this very site controls.
     */
    private void retire() {
        if (next.getActiveRevision() == null) {
            return;
        }
        Set<String> kept = next.getReleases().stream().map(SiteRelease::getRevision).collect(Collectors.toSet());
        Optional.ofNullable(next.getTargetRevision()).ifPresent(kept::add);
        kept.add(next.getActiveRevision());
        children.deployments().values().stream()
                .filter(d -> d.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .filter(d -> !kept.contains(d.getMetadata().getLabels().get(Selectors.REVISION)))
                .filter(this::controlled)
                .forEach(plan::delete);
        Set<String> copies = kept.stream().map(r -> SiteNames.configCopy(name, r)).collect(Collectors.toSet());
        children.configMaps().values().stream()
                .filter(cm -> ConfigCopy.COMPONENT.equals(cm.getMetadata().getLabels().get(Labels.COMPONENT)))
                .filter(cm -> !copies.contains(cm.getMetadata().getName()))
                .filter(this::controlled)
                .forEach(plan::delete);
    }

    private boolean controlled(HasMetadata child) {
        return SiteMeta.controls(site, child);
    }

    /** The Service, created or pointed at {@code selector}: the switch is this one write of the whole selector. */
    private void service(String serviceName, String component, Map<String, String> selector) {
        Optional<Service> service = children.service(serviceName);
        if (service.isEmpty()) {
            plan.create(SiteService.of(site, serviceName, component, selector));
        } else if (!Objects.equals(selector, service.get().getSpec().getSelector())) {
            plan.edit(service.get(), s -> SiteService.selecting(s, selector));
        }
    }

    private Optional<PodSpec> activePod() {
        return next.getReleases().stream().filter(r -> Objects.equals(r.getRevision(), next.getActiveRevision()))
                .findFirst().flatMap(r -> children.deployment(r.getDeployment()))
                .map(d -> d.getSpec().getTemplate().getSpec());
    }

    private void maintenance(Optional<PodSpec> active) {
        Optional<Deployment> existing = children.deployment(SiteNames.maintenance(name));
        if (active.isPresent()) {
            ensure(MaintenancePage.of(site, active.get()), existing);
        } else {
            existing.ifPresent(plan::delete);
        }
    }

    private void workers(PodSpec active, boolean run) {
        WorkersSpec workers = site.getSpec().getWorkers();
        for (Worker worker : new Worker[] {Worker.mailin, Worker.mailout}) {
            ensure(WorkerDeployment.of(site, worker, active, worker.enabledIn(workers) && run),
                    children.deployment(SiteNames.worker(name, worker)));
        }
        String schedule = Optional.ofNullable(workers).map(WorkersSpec::getDigest).orElseGet(ScheduledWorkerSpec::new)
                .getSchedule();
        CronJob digest = DigestCronJob.of(site, active, schedule, Worker.digest.enabledIn(workers) && run);
        plan.ensure(digest, children.cronJob(SiteNames.worker(name, Worker.digest)), digest.getSpec(),
                (desired, live) -> live.setSpec(desired.getSpec()));
    }

    /** A workload handed over at the switch: created, or its spec replaced when it differs (others' annotations kept). */
    private void ensure(Deployment desired, Optional<Deployment> existing) {
        plan.ensure(desired, existing, desired.getSpec(), (wanted, live) -> live.setSpec(wanted.getSpec()));
    }

    private void smokeCheck(String image) {
        Optional<Job> existing = children.job(SiteNames.smokeCheck(name, next.getTargetRevision()));
        String attempt = next.getRolloutStartedAt();
        if (existing.isEmpty()) {
            plan.create(SmokeCheckJob.of(site, next.getTargetRevision(), image, attempt));
        } else if (!attempt.equals(Optional.ofNullable(existing.get().getMetadata().getAnnotations())
                .orElse(Map.of()).get(SmokeCheckJob.ATTEMPT))) {
            plan.delete(existing.get()); // an earlier attempt's Job; the next attempt's is created once it is gone
        }
    }
}
