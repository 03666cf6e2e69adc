package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * The one typed lookup of a reconciler's informer caches: JOSDK hands event sources out untyped, and this is
 * the only place that casts them back.
 */
public final class Caches {

    private Caches() {
    }

    /** The informer event source named {@code name} that caches objects of {@code type}. */
    @SuppressWarnings("unchecked")
    public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> of(Context<P> context,
            Class<R> type, String name) {
        return (InformerEventSource<R, P>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }

    /**
     * The cache of a reconciler's children of {@code type}: by convention the informer named after the type
     * ({@code Deployment}, {@code PersistentVolumeClaim}, {@code GenericKubernetesResource} for snapshots);
     * a reconciler has at most one such cache per child type.
     */
    public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> child(Context<P> context,
            Class<R> type) {
        return of(context, type, type.getSimpleName());
    }

    /** An object of {@code type} by name and namespace from that cache; empty for a null name. */
    public static <R extends HasMetadata, P extends HasMetadata> Optional<R> get(Context<P> context, Class<R> type,
            String source, String namespace, String name) {
        return name == null ? Optional.empty() : of(context, type, source).get(new ResourceID(name, namespace));
    }
}
