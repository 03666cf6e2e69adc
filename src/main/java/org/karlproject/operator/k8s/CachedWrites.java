package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes a child object through the informer that caches it (JOSDK's event-filtering update): the object
 * as the server returned it goes into that informer's cache at once, and the watch event that echoes the
 * write wakes no reconcile. So the next reconcile sees what this one wrote even before the watch event
 * arrives: it does not create the child again (a 409 that is still a write request) and does not patch it
 * from a stale copy (a 409 and a retry).
 *
 * <p>Because the echo no longer wakes the controller, a reconcile whose next step depends on its own writes
 * asks to run again at once ({@link #wrote()}), which re-reads the caches, now holding those writes; that is
 * how a reconcile continues from its own actions without waiting for a watch round trip.
 */
public final class CachedWrites {

    private final KubernetesClient client;
    private int writes;

    public CachedWrites(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Creates {@code object}; with a cache, through it. A 409 (the object exists: an earlier reconcile made
     * it and the cache has not seen it) is not an error.
     *
     * @return the object as stored, or empty when it already existed
     */
    public <R extends HasMetadata> Optional<R> create(ManagedInformerEventSource<R, ?, ?> cache, R object) {
        try {
            R created = cache == null ? client.resource(object).create()
                    : cache.eventFilteringUpdateAndCacheResource(object, r -> client.resource(r).create());
            writes++;
            return Optional.ofNullable(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes a change to {@code current} (a cached object) with {@code write}, which sends the request and
     * returns the object as the server stored it; with a cache, through it.
     */
    public <R extends HasMetadata> R update(ManagedInformerEventSource<R, ?, ?> cache, R current, UnaryOperator<R> write) {
        R written = cache == null ? write.apply(current) : cache.eventFilteringUpdateAndCacheResource(current, write);
        writes++;
        return written;
    }

    /**
     * Edits a child the operator owns (a JSON patch from the cached object to {@code change} of it), through
     * the cache, without optimistic locking: the patch names only what {@code change} changes, in fields that
     * only the operator writes, so another writer's newer status (the kubelet's, a controller's) is no reason
     * to fail with 409 and wait for a retry.
     */
    public <R extends HasMetadata> R edit(ManagedInformerEventSource<R, ?, ?> cache, R cached, UnaryOperator<R> change) {
        R base = client.getKubernetesSerialization().clone(cached);
        base.getMetadata().setResourceVersion(null); // no resourceVersion: Fabric8 then sends no lock with the patch
        return update(cache, cached, ignored -> client.resource(base).edit(change));
    }

    /** Whether any write succeeded    /** Whether any write succeeded: the caller then reconciles again at once (see the class comment). */
    public boolean wrote() {
        return writes > 0;
    }
}
