package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * The one typed lookup of a reconciler's informer caches: JOSDK hands event sources out untyped, and this is
 * the only place that casts them back. And the one way to make an informer ({@link #informer}).
 *
 * <p><b>Adding an event source</b> (any reconciler): build its {@code InformerEventSourceConfiguration} as
 * usual, name it after the type it caches when it holds the reconciler's children ({@link #child}), and give
 * it to {@link #informer}, never to {@code new InformerEventSource} directly: that sets the {@link LeanStore},
 * which keeps only what the operator reads and shares one copy of each object between the reconcilers'
 * caches. Select what it caches: a label selector for the operator's own children
 * ({@code app.kubernetes.io/managed-by=karl-operator} plus the owner's label) and for objects users make
 * (the settings ConfigMap carries {@code deploy.karlproject.org/site}, see docs/sites.md); an informer without
 * a selector caches every object of its kind in the watched namespaces, and needs a reason in a comment.
 * A reconciler's primary cache gets the same store through
 * {@code @ControllerConfiguration(informer = @Informer(itemStore = LeanStore.class))}.
 */
public final class Caches {

    private Caches() {
    }

    /**
     * The informer event source of {@code config} for a reconciler, caching through a {@link LeanStore}, on the
     * one informer of its request that all reconcilers' event sources share ({@link SharedInformers}). Read it
     * through its cache ({@code get}, {@code list}, {@code byIndex}), not through
     * {@code Context#getSecondaryResources}: JOSDK builds that index from the events its handler received,
     * and a handler that joins a running shared informer receives the cache's objects as events a moment
     * after its start, while the cache itself is complete.
     */
    public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> informer(
            InformerEventSourceConfiguration.Builder<R> config, EventSourceContext<P> context) {
        return new InformerEventSource<>(config.withItemStore(new LeanStore<>())
                .withKubernetesClient(SharedInformers.client(context.getClient())).build(), context);
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

    /**
     * The key of an index entry for a value within a namespace ({@code namespace/value}): the indexes the
     * reconcilers add with {@code addIndexers} so that a reconcile looks related objects up instead of
     * scanning a cache.
     */
    public static String indexKey(String namespace, String value) {
        return namespace + "/" + value;
    }

    /** An object of {@code type} by name and namespace from that cache; empty for a null name. */
    public static <R extends HasMetadata, P extends HasMetadata> Optional<R> get(Context<P> context, Class<R> type,
            String source, String namespace, String name) {
        return name == null ? Optional.empty() : of(context, type, source).get(new ResourceID(name, namespace));
    }
}
