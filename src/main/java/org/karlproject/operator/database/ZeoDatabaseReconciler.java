package org.karlproject.operator.database;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.reconcile.Skeleton;
import org.karlproject.operator.status.StatusWriter;

/**
 * Runs a ZEO server per ZeoDatabase; see {@code package-info} for the steps. The one reconcile skeleton
 * ({@link Skeleton}): observe (informer caches only, {@link DatabaseEventSources#observe}), decide
 * ({@link Decide}, pure), record the status, then carry out the plan. The cleanup decides purely too
 * ({@link DatabaseDeletion}) and uses the same status writer and child writer. The only writer of ZeoDatabase
 * status: EvolveRuns and KarlSites state their intents in their own status. Not generation-aware: the backup-now and reseed annotations do not bump the generation.
 */
@ControllerConfiguration(name = "zeodatabase", informer = @Informer(itemStore = LeanStore.class), generationAwareEventProcessing = false)
public class ZeoDatabaseReconciler implements Reconciler<ZeoDatabase>, Cleaner<ZeoDatabase> {

    /** How long a snapshot may take to become ready before its backup counts as failed. */
    public static final Duration DEFAULT_BACKUP_DEADLINE = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(ZeoDatabaseReconciler.class);

    private final Clock clock;
    private final Duration backupDeadline;

    @Inject
    public ZeoDatabaseReconciler() {
        this(Clock.systemUTC(), DEFAULT_BACKUP_DEADLINE);
    }

    public ZeoDatabaseReconciler(Clock clock) {
        this(clock, DEFAULT_BACKUP_DEADLINE);
    }

    public ZeoDatabaseReconciler(Clock clock, Duration backupDeadline) {
        this.clock = clock;
        this.backupDeadline = backupDeadline;
    }

    @Override
    public List<EventSource<?, ZeoDatabase>> prepareEventSources(EventSourceContext<ZeoDatabase> context) {
        return DatabaseEventSources.prepare(context);
    }

    @Override
    public UpdateControl<ZeoDatabase> reconcile(ZeoDatabase db, Context<ZeoDatabase> context) {
        return Skeleton.reconcile(db, context, clock, ZeoDatabaseStatus::new, (primary, next, ctx) ->
                Decide.decide(DatabaseEventSources.observe(primary, ctx, clock.instant()), next, backupDeadline));
    }

    @Override
    public DeleteControl cleanup(ZeoDatabase db, Context<ZeoDatabase> context) {
        Observed observed = DatabaseEventSources.observe(db, context, clock.instant());
        DatabaseDeletion.Outcome outcome = DatabaseDeletion.decide(observed,
                StatusWriter.copy(db, ZeoDatabaseStatus::new, context));
        StatusWriter.record(db, outcome.decision(), context, clock);
        Skeleton.writer(context).execute(outcome.decision().plan());
        if (!outcome.done()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
        }
        LOG.infof("ZeoDatabase %s/%s: %s", db.getMetadata().getNamespace(), db.getMetadata().getName(),
                outcome.decision().health().message());
        return DeleteControl.defaultDelete();
    }
}
