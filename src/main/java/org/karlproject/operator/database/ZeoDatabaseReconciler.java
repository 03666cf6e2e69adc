package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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
import java.util.Optional;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Runs a ZEO server per ZeoDatabase; see {@code package-info} for the steps. Observe (informer caches only,
 * {@link DatabaseEventSources#observe}), decide ({@link Decide}, pure), record the status, then act. The
 * only writer of ZeoDatabase status: EvolveRuns and KarlSites state their intents in their own status.
 * Not generation-aware: the backup-now and reseed annotations do not bump the generation.
 */
@ControllerConfiguration(name = "zeodatabase", generationAwareEventProcessing = false)
public class ZeoDatabaseReconciler implements Reconciler<ZeoDatabase>, Cleaner<ZeoDatabase> {

    /** How long a snapshot may take to become ready before its backup counts as failed. */
    public static final Duration DEFAULT_BACKUP_DEADLINE = Duration.ofMinutes(10);

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
        KubernetesClient client = context.getClient();
        ZeoDatabaseStatus status = copyOf(client, db.getStatus());
        List<Violation> violations = Validator.shared().validate(db);
        if (!violations.isEmpty()) {
            finish(db, status, Health.stalled("InvalidSpec", violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; "))), context);
            return UpdateControl.noUpdate();
        }
        Observed observed = DatabaseEventSources.observe(db, context, clock.instant());
        Decide.Decision decision = Decide.decide(observed, status, backupDeadline);
        finish(db, status, decision.health(), context); // the target is recorded before anything is touched
        Children children = new Children(context);
        act(db, observed, decision, children);
        // our own writes wake no event (CachedWrites): look again at once, at caches that now hold them
        return UpdateControl.<ZeoDatabase>noUpdate().rescheduleAfter(children.wrote() ? Duration.ZERO : decision.requeue());
    }

    private void act(ZeoDatabase db, Observed observed, Decide.Decision decision, Children children) {
        KubernetesClient client = children.client();
        for (HasMetadata object : decision.create()) {
            children.create(object);
        }
        if (decision.deployment().isPresent()) {
            String conf = ZeoConf.render(db, decision.readOnly());
            children.ensure(ZeoConf.configMap(db, conf), observed.configMap(), conf,
                    (desired, current) -> current.setData(desired.getData()));
            var deployment = decision.deployment().get();
            children.ensure(deployment, observed.deployment(), deployment.getSpec(),
                    (desired, current) -> current.setSpec(desired.getSpec()));
            var service = ZeoService.build(db);
            children.ensure(service, observed.service(), service.getSpec(), (desired, current) -> {
                current.getSpec().setSelector(desired.getSpec().getSelector());
                current.getSpec().setPorts(desired.getSpec().getPorts());
            });
            var policy = ZeoNetworkPolicy.build(db);
            children.ensure(policy, observed.networkPolicy(), policy.getSpec(),
                    (desired, current) -> current.setSpec(desired.getSpec()));
        }
        for (String volume : decision.deleteVolumes()) {
            observed.deletableVolume(volume).ifPresent(children::delete);
        }
        for (String snapshot : decision.deleteSnapshots()) {
            Optional.ofNullable(observed.snapshots().get(snapshot)).ifPresent(children::delete);
        }
        for (Backups.Note note : decision.notes()) {
            if (note.warning()) {
                Events.warning(client, db, note.reason(), note.message(), clock);
            } else {
                Events.normal(client, db, note.reason(), note.message(), clock);
            }
        }
    }

    @Override
    public DeleteControl cleanup(ZeoDatabase db, Context<ZeoDatabase> context) {
        Observed observed = DatabaseEventSources.observe(db, context, clock.instant());
        ZeoDatabaseStatus status = copyOf(context.getClient(), db.getStatus());
        DatabaseDeletion.Outcome outcome = DatabaseDeletion.run(observed, status, new Children(context), clock);
        finish(db, status, outcome.health(), context);
        if (!outcome.done()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2));
        }
        return DeleteControl.defaultDelete();
    }

    private void finish(ZeoDatabase db, ZeoDatabaseStatus status, Health health, Context<ZeoDatabase> context) {
        StatusWriter.writeVerdict(db, status, health, context, clock);
    }

    private static ZeoDatabaseStatus copyOf(KubernetesClient client, ZeoDatabaseStatus observed) {
        return observed == null ? new ZeoDatabaseStatus()
                : client.getKubernetesSerialization().clone(observed);
    }

}
