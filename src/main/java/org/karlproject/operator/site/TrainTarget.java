package org.karlproject.operator.site;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.k8s.Caches;

/**
 * A site that rides a ReleaseTrain takes its target from the train's status (the intent lives in the
 * requester's status; the operator never writes the site's spec): once the train has started the site, the
 * rollout works from the release the train's row names instead of {@code spec.release}.
 * {@code status.targetSource} says which it is. A site naming a train in {@code spec.releaseTrain} follows only
 * that train; a train that is done with a site hands it back to its spec once {@code spec.release} is edited.
 */
final class TrainTarget {

    static final String SOURCE = ReleaseTrain.class.getSimpleName();
    static final String FROM_SPEC = "spec.release";

    private TrainTarget() {
    }

    /** The trains' informer: a train's status change wakes every site it has started. */
    static EventSource<ReleaseTrain, KarlSite> eventSource(EventSourceContext<KarlSite> context) {
        var config = InformerEventSourceConfiguration.from(ReleaseTrain.class, KarlSite.class)
                .withName(SOURCE)
                .withSecondaryToPrimaryMapper(train -> train.getStatus() == null ? java.util.Set.of()
                        : train.getStatus().getSites().stream().filter(TrainTarget::following)
                                .map(row -> new ResourceID(row.getSite(), row.getNamespace())).collect(Collectors.toSet()));
        return Caches.informer(config, context);
    }

    /**
     * {@code site} as the rollout sees it: the same object when no train has started it, else a copy whose
     * {@code spec.release} is the train's target for it (the stored spec is untouched). Records the source.
     */
    static KarlSite follow(KarlSite site, Context<KarlSite> context, KarlSiteStatus next) {
        String namespace = site.getMetadata().getNamespace();
        String name = site.getMetadata().getName();
        String reference = site.getSpec().getReleaseTrain();
        Optional<ReleaseTrain> train = Caches.of(context, ReleaseTrain.class, SOURCE)
                .list(t -> t.getStatus() != null && (reference == null || ReleaseTrain.named(reference, namespace,
                        t.getMetadata().getNamespace(), t.getMetadata().getName()))
                        && row(t, namespace, name).filter(r -> inCharge(r, site)).isPresent())
                .min(Comparator.comparing((ReleaseTrain t) -> row(t, namespace, name).orElseThrow().getState()
                        .isTerminal()).thenComparing(t -> t.getMetadata().getNamespace())
                        .thenComparing(t -> t.getMetadata().getName())); // a train moving it before one done with it
        if (train.isEmpty()) {
            next.setTargetSource(FROM_SPEC);
            return site;
        }
        next.setTargetSource(SOURCE + " " + train.get().getMetadata().getNamespace() + "/"
                + train.get().getMetadata().getName());
        KarlSite copy = new KarlSite();
        copy.setMetadata(site.getMetadata());
        copy.setSpec(Serialization.jsonMapper().convertValue(site.getSpec(), KarlSiteSpec.class));
        copy.getSpec().setRelease(row(train.get(), namespace, name).orElseThrow().getTo());
        copy.setStatus(site.getStatus());
        return copy;
    }

    private static Optional<TrainSite> row(ReleaseTrain train, String namespace, String site) {
        return train.getStatus().getSites().stream().filter(TrainTarget::following)
                .filter(r -> namespace.equals(r.getNamespace()) && site.equals(r.getSite())).findFirst();
    }

    /**
     * A train is in charge of a site it moves (InProgress, Baking); once it is done with it (Succeeded, Failed,
     * Skipped), only while {@code spec.release} is still what the site ran when the train reached it: an edit of
     * {@code spec.release} in git (to the train's release, or a newer one) hands the site back to its spec.
     */
    private static boolean inCharge(TrainSite row, KarlSite site) {
        return !row.getState().isTerminal() || java.util.Objects.equals(site.getSpec().getRelease(), row.getFrom());
    }

    private static boolean following(TrainSite row) {
        return row.getState() != null && row.getState().isFollowing() && row.getTo() != null;
    }
}
