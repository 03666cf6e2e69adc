package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.reconcile.Skeleton;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;

/**
 * Runs EvolveRuns through their phases; see {@code package-info} for the steps. Each reconcile observes
 * (informer caches only), lets the current phase's handler decide (pure: a step with intents), records the
 * decision in status, carries out the step's writes, and moves on to the next phase in the same reconcile
 * while phases complete. A phase change is written before the next phase creates anything, so a restarted
 * operator finds the names it needs.
 */
@ControllerConfiguration(name = "evolverun", informer = @Informer(itemStore = LeanStore.class))
public class EvolveRunReconciler implements Reconciler<EvolveRun> {
    /** Phases completed in one reconcile at most (there are ten phases). */
    private static final int MAX_STEPS = 12;

    private final Clock clock;
    private final EvolveSettings settings;
    private final EvolveSlots slots;

    @Inject
    public EvolveRunReconciler(@ConfigProperty(name = "karl.evolve.max-concurrent", defaultValue = "0") int maxConcurrent,
            @ConfigProperty(name = "karl.evolve.switch-deadline-seconds", defaultValue = "600") long switchDeadline) {
        this(Clock.systemUTC(), EvolveSettings.DEFAULTS.withMaxConcurrent(maxConcurrent)
                .withSwitchDeadline(Duration.ofSeconds(switchDeadline)));
    }

    public EvolveRunReconciler(Clock clock) {
        this(clock, EvolveSettings.DEFAULTS);
    }

    public EvolveRunReconciler(Clock clock, EvolveSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.slots = new EvolveSlots(settings.maxConcurrent());
    }

    @Override
    public List<EventSource<?, EvolveRun>> prepareEventSources(EventSourceContext<EvolveRun> context) {
        // A site, database, release or run wakes the unfinished runs of its namespace that it can concern: those
        // of the same site, database or release, and those that have not resolved their database yet (new
        // runs, a few). Not every unfinished run: a fleet in one namespace has hundreds waiting for a slot.
        // Children wake the run whose deterministic names include theirs (finished runs too: they tidy up).
        // Snapshots, PVCs and Jobs are watched without a label selector: an object that holds a child's name
        // without being the run's (a deleted run's leftover, a database's volume, someone else's) must be
        // seen before anything is created or made read-only, so that the run fails NameTaken (Ownership).
        // Each informer is named after the type it caches (k8s/Caches.child): the child writer finds it so.
        SecondaryToPrimaryMapper<HasMetadata> parent = child -> context.getPrimaryCache()
                .list(child.getMetadata().getNamespace(),
                        run -> ChildNames.all(run.getMetadata().getName()).contains(child.getMetadata().getName())
                                // a retained volume that goes may let a succeeded run release its snapshots
                                || SnapshotRelease.pending(run) && child.getMetadata().getName().equals(run.getStatus().getPreviousVolume()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
        return List.of(
                source(context, InformerEventSourceConfiguration.from(KarlSite.class, EvolveRun.class)
                        .withName(KarlSite.class.getSimpleName()).withSecondaryToPrimaryMapper(site -> with(concerned(context, site, run ->
                                site.getMetadata().getName().equals(run.getSpec().getSite())
                                        || site.getSpec() != null && onDatabase(run, site.getSpec().getDatabase())),
                                releasing(context, site, site.getSpec() == null ? null : site.getSpec().getDatabase())))),
                source(context, InformerEventSourceConfiguration.from(ZeoDatabase.class, EvolveRun.class)
                        .withName(ZeoDatabase.class.getSimpleName()).withSecondaryToPrimaryMapper(db -> with(concerned(context, db,
                                run -> onDatabase(run, db.getMetadata().getName())), releasing(context, db, db.getMetadata().getName())))),
                source(context, InformerEventSourceConfiguration.from(ReleaseIndex.class, EvolveRun.class)
                        .withName(ReleaseIndex.class.getSimpleName()).withSecondaryToPrimaryMapper(release -> concerned(context, release,
                                run -> release.getMetadata().getName().equals(run.getSpec().getRelease())))),
                source(context, InformerEventSourceConfiguration.from(EvolveRun.class, EvolveRun.class)
                        .withName(EvolveRun.class.getSimpleName()).withSecondaryToPrimaryMapper(run -> runsToWake(context, run))),
                source(context, InformerEventSourceConfiguration.from(CsiSnapshots.GVK, EvolveRun.class)
                        .withName(GenericKubernetesResource.class.getSimpleName()).withSecondaryToPrimaryMapper(parent::toPrimaryResourceIDs)),
                source(context, InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, EvolveRun.class)
                        .withName(PersistentVolumeClaim.class.getSimpleName()).withSecondaryToPrimaryMapper(parent::toPrimaryResourceIDs)),
                source(context, InformerEventSourceConfiguration.from(Job.class, EvolveRun.class)
                        .withName(Job.class.getSimpleName()).withSecondaryToPrimaryMapper(parent::toPrimaryResourceIDs)),
                // the check Jobs' pods, for their termination messages (the verify result, the live last
                // transaction): only pods labelled as checks, mapped to the run by their Job's name
                source(context, InformerEventSourceConfiguration.from(Pod.class, EvolveRun.class)
                        .withName(Pod.class.getSimpleName()).withLabelSelector(ChildNames.CHECK_LABEL)
                        .withSecondaryToPrimaryMapper(pod -> context.getPrimaryCache()
                                .list(pod.getMetadata().getNamespace(), run -> pod.getMetadata().getLabels() != null
                                        && ChildNames.all(run.getMetadata().getName())
                                                .contains(pod.getMetadata().getLabels().get(CacheWorld.JOB_NAME)))
                                .map(ResourceID::fromResource).collect(Collectors.toSet()))),
                // a claim that goes (or comes) wakes the runs waiting for its database
                source(context, InformerEventSourceConfiguration.from(ConfigMap.class, EvolveRun.class)
                        .withName(ConfigMap.class.getSimpleName()).withLabelSelector(AdmissionClaim.selector())
                        .withSecondaryToPrimaryMapper(claim -> concerned(context, claim,
                                run -> onDatabase(run, AdmissionClaim.database(claim))))));
    }

    /** The unfinished runs in {@code changed}'s namespace that {@code concerns}, or that have no database yet. */
    private static Set<ResourceID> concerned(EventSourceContext<EvolveRun> context, HasMetadata changed,
            java.util.function.Predicate<EvolveRun> concerns) {
        return context.getPrimaryCache().list(changed.getMetadata().getNamespace(), run -> unfinished(run)
                && (unresolved(run) || run.getSpec() != null && concerns.test(run)))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /**
     * The succeeded runs on {@code database} that may still release their snapshots ({@link SnapshotRelease}):
     * a database or site change may be what lets them. Once released, a run is woken no more.
     */
    private static Set<ResourceID> releasing(EventSourceContext<EvolveRun> context, HasMetadata changed, String database) {
        return context.getPrimaryCache().list(changed.getMetadata().getNamespace(),
                run -> SnapshotRelease.pending(run) && onDatabase(run, database))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static Set<ResourceID> with(Set<ResourceID> some, Set<ResourceID> more) {
        Set<ResourceID> all = new java.util.HashSet<>(some);
        all.addAll(more);
        return all;
    }

    private static boolean unresolved(EvolveRun run) {
        return run.getStatus() == null || run.getStatus().getDatabase() == null;
    }

    private static boolean onDatabase(EvolveRun run, String database) {
        return run.getStatus() != null && database != null && database.equals(run.getStatus().getDatabase());
    }

    /**
     * The unfinished runs of the same database (one may be waiting for this one); and with a limit, when this
     * run has finished (its slot is free), the {@code limit} longest-waiting runs anywhere. Not all of them:
     * every waiting run woken at once would queue on the admission lock only for all but a few to wait again.
     */
    private Set<ResourceID> runsToWake(EventSourceContext<EvolveRun> context, EvolveRun run) {
        String database = run.getStatus() == null ? null : run.getStatus().getDatabase();
        Set<ResourceID> wake = new java.util.HashSet<>(concerned(context, run, other -> onDatabase(other, database)));
        if (slots.limit() > 0 && !unfinished(run)) {
            context.getPrimaryCache().list(EvolveSlots::waiting)
                    .sorted(java.util.Comparator.comparing((EvolveRun r) -> r.getMetadata().getCreationTimestamp())
                            .thenComparing(r -> r.getMetadata().getName()))
                    .limit(slots.limit()).map(ResourceID::fromResource).forEach(wake::add);
        }
        return wake;
    }

    private static <R extends HasMetadata> EventSource<?, EvolveRun> source(EventSourceContext<EvolveRun> context,
            InformerEventSourceConfiguration.Builder<R> builder) {
        return Caches.informer(builder, context);
    }

    /**
     * The skeleton's pieces ({@code reconcile/Skeleton}), a pass per phase: copy the status; a run that has not
     * started with a spec the rules reject is Stalled {@code InvalidSpec}; then, while phases complete, the
     * phase's handler decides (pure, on the caches), a phase change is recorded (events first, then the
     * status) before its writes are carried out, so the names a phase creates are in status before the
     * objects are. A step that stays in its phase and asks for writes has them carried out first and is
     * decided again on what they wrote (the caches hold it at once); only then is a verdict recorded. So the
     * claim a run wins lets it advance in the same pass, without recording "claiming" first, and a child that
     * a waiting phase creates costs no extra status write.
     */
    @Override
    public UpdateControl<EvolveRun> reconcile(EvolveRun run, Context<EvolveRun> context) {
        EvolveRunStatus status = StatusWriter.copy(run, EvolveRunStatus::new, context);
        if (status.getPhase() == null) {
            Phases.start(status, clock.instant());
        }
        // the spec is immutable: checked until the run starts, not under a run that holds its database
        Optional<Health> invalid = status.getPhase() == EvolvePhase.Pending ? StatusWriter.invalidSpec(run)
                : Optional.empty();
        if (invalid.isPresent()) {
            record(run, status, invalid.get(), context);
            return UpdateControl.noUpdate();
        }
        World world = new CacheWorld(context, run.getMetadata().getNamespace());
        EvolveRun current = run;
        boolean decidedAgain = false;
        for (int i = 0; i < MAX_STEPS; i++) {
            EvolveContext ctx = new EvolveContext(current, status, clock.instant(), settings, world, slots);
            Step<EvolvePhase> step = Phases.handler(status.getPhase()).handle(ctx, status);
            if (step.moves()) {
                Phases.apply(status, step, current, ctx.now());
                current = record(current, status, step.verdict(), context);
                execute(step.plan(), context); // the next pass reads what it wrote
                decidedAgain = false;
                continue;
            }
            boolean wrote = execute(step.plan(), context);
            if (wrote && !decidedAgain) {
                decidedAgain = true; // decide again on what was written, before recording a verdict
                continue;
            }
            record(current, status, step.verdict(), context);
            if (wrote) { // written after the last look (our own writes wake no event): look again at once
                return UpdateControl.<EvolveRun>noUpdate().rescheduleAfter(Duration.ZERO);
            }
            return step.recheck() == null ? UpdateControl.noUpdate()
                    : UpdateControl.<EvolveRun>noUpdate().rescheduleAfter(cap(step.recheck()));
        }
        return UpdateControl.<EvolveRun>noUpdate().rescheduleAfter(Duration.ZERO);
    }

    /** Carries out a step's writes ({@link ChildWriter}, through the caches); whether any create or edit wrote. */
    private static boolean execute(Plan plan, Context<EvolveRun> context) {
        if (plan.isEmpty()) {
            return false;
        }
        ChildWriter writer = Skeleton.writer(context);
        writer.execute(plan);
        return writer.wrote();
    }

    /**
     * Records the status with the verdict ({@code null}: the recorded one) through {@link StatusWriter#record}:
     * the event of a new verdict first, then the status if it changed. A copy is recorded (the working status
     * goes on changing in the next pass); its conditions come back to the working status.
     */
    private EvolveRun record(EvolveRun run, EvolveRunStatus status, Health verdict, Context<EvolveRun> context) {
        Health health = verdict != null ? verdict
                : Conditions.health(run.getStatus() == null ? null : run.getStatus().getConditions())
                        .orElse(Health.progressing("Pending", "the run has not started"));
        EvolveRunStatus recorded = context.getClient().getKubernetesSerialization().clone(status);
        EvolveRun written = StatusWriter.record(run, Decision.of(recorded, health), context, clock);
        status.setObservedGeneration(recorded.getObservedGeneration());
        status.setConditions(recorded.getConditions());
        return written;
    }

    private Duration cap(Duration recheck) {
        return recheck.compareTo(settings.recheck()) > 0 ? settings.recheck()
                : recheck.plusMillis(200); // a little past a deadline, so that it has passed when we look
    }

    private static boolean unfinished(EvolveRun run) {
        return run.getStatus() == null || run.getStatus().getPhase() == null || !run.getStatus().getPhase().isTerminal();
    }

}
