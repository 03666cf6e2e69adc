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
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
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

    /**
     * A change of any site or release may concern any train (a label, a verified release): it wakes them all.
     * A database's change wakes only the trains reseeding a site in its namespace (the reseed may be done).
     * EvolveRuns are read for maintenance windows only (the last run's read-only seconds) and wake no train: a
     * train looks again on its own poll and at the next window's start. Another train created, deleted, its spec
     * edited, or done or aborted wakes every other one: which sites a train created first claims
     * ({@link TrainObserver#claimedByFirst}) may have changed.
     */
    @Override
    public List<EventSource<?, ReleaseTrain>> prepareEventSources(EventSourceContext<ReleaseTrain> context) {
        return List.of(
                informer(KarlSite.class, TrainObserver.SITES, changed -> trains(context, train -> true), context),
                informer(ReleaseIndex.class, TrainObserver.RELEASES, changed -> trains(context, train -> true), context),
                informer(ZeoDatabase.class, TrainObserver.DATABASES, db -> trains(context, train -> reseeding(train,
                        db.getMetadata().getNamespace())), context),
                informer(EvolveRun.class, TrainObserver.RUNS, run -> Set.of(), context),
                Caches.informer(InformerEventSourceConfiguration.from(ReleaseTrain.class, ReleaseTrain.class)
                        .withName(TrainObserver.TRAINS)
                        .withSecondaryToPrimaryMapper(changed -> trains(context, train -> !ResourceID
                                .fromResource(train).equals(ResourceID.fromResource(changed))))
                        .withOnUpdateFilter((after, before) -> !Objects.equals(after.getMetadata().getGeneration(),
                                before.getMetadata().getGeneration())
                                || TrainObserver.underWay(after) != TrainObserver.underWay(before)), context));
    }

    private static <R extends HasMetadata> EventSource<R, ReleaseTrain> informer(Class<R> type, String name,
            SecondaryToPrimaryMapper<R> mapper, EventSourceContext<ReleaseTrain> context) {
        return Caches.informer(InformerEventSourceConfiguration.from(type, ReleaseTrain.class)
                .withName(name).withSecondaryToPrimaryMapper(mapper), context);
    }

    private static Set<ResourceID> trains(EventSourceContext<ReleaseTrain> context, Predicate<ReleaseTrain> which) {
        return context.getPrimaryCache().list(which).map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static boolean reseeding(ReleaseTrain train, String namespace) {
        return train.getStatus() != null && train.getStatus().getSites().stream()
                .anyMatch(row -> row.getState() == SiteState.Reseeding && namespace.equals(row.getNamespace()));
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
