package org.karlproject.operator.train;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.reconcile.Skeleton;

/**
 * Moves one karl version through the selected KarlSites on the one reconcile skeleton ({@link Skeleton}); see
 * {@code package-info} for the steps. Its decide step observes ({@link TrainObserver}: the KarlSite and
 * ReleaseIndex caches of every watched namespace) and decides ({@link TrainDecide}, pure). Its only write is its
 * own status: the sites read their targets from it; the plan is always empty.
 */
@ControllerConfiguration(name = "releasetrain", informer = @Informer(itemStore = LeanStore.class))
public class ReleaseTrainReconciler implements Reconciler<ReleaseTrain> {

    private final Clock clock;

    @Inject
    public ReleaseTrainReconciler() {
        this(Clock.systemUTC());
    }

    public ReleaseTrainReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ReleaseTrain>> prepareEventSources(EventSourceContext<ReleaseTrain> context) {
        return List.of(everyTrain(KarlSite.class, TrainObserver.SITES, context),
                everyTrain(ReleaseIndex.class, TrainObserver.RELEASES, context));
    }

    /** A change of any site or release may concern any train (a label, a verified release): it wakes them all. */
    private static <R extends HasMetadata> EventSource<R, ReleaseTrain> everyTrain(Class<R> type, String name,
            EventSourceContext<ReleaseTrain> context) {
        var config = InformerEventSourceConfiguration.from(type, ReleaseTrain.class)
                .withName(name)
                .withSecondaryToPrimaryMapper(changed -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()));
        return Caches.informer(config, context);
    }

    @Override
    public UpdateControl<ReleaseTrain> reconcile(ReleaseTrain train, Context<ReleaseTrain> context) {
        return Skeleton.reconcile(train, context, clock, ReleaseTrainStatus::new, this::decide);
    }

    private Decision<ReleaseTrainStatus> decide(ReleaseTrain train, ReleaseTrainStatus next,
            Context<ReleaseTrain> context) {
        TrainView view = TrainObserver.observe(train, context, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return TrainDecide.decide(train.getSpec(), view, next);
    }
}
