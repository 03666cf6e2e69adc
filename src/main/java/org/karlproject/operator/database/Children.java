package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.CachedWrites;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.k8s.LiveFields;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Creates and updates child objects without server-side apply, and without writing when nothing changed:
 * each child carries the hash of its desired content in the annotation
 * {@value org.karlproject.operator.database.DatabaseObjects#DESIRED_HASH}; an update (a JSON patch computed
 * from the cached object) is sent only when that hash differs or when the live object no longer holds what
 * the operator owns on it (an edit by hand: compared field by field, so fields the API server defaults are
 * no difference). Creates and patches go through the informer
 * that caches the child ({@link CachedWrites}), so the next reconcile sees them at once; a create that still
 * meets 409 (a child read by listing, which that cache does not serve) is not an error.
 */
final class Children {

    private final Context<ZeoDatabase> context;
    private final CachedWrites writes;

    Children(Context<ZeoDatabase> context) {
        this.context = context;
        this.writes = new CachedWrites(context.getClient());
    }

    /** The hash of an object's desired content (everything but its identity metadata). */
    static String hash(Object content) {
        return ContentHash.of(content);
    }

    /** The hash an observed child carries, if any. */
    static Optional<String> seenHash(HasMetadata observed) {
        return Optional.ofNullable(observed.getMetadata().getAnnotations()).map(a -> a.get(DatabaseObjects.DESIRED_HASH));
    }

    /**
     * Makes {@code observed} look like {@code desired}: create when absent, patch when the hash of
     * {@code content(desired)} changed. {@code copy} moves the desired content onto the current object.
     */
    <T extends HasMetadata> void ensure(T desired, Optional<T> observed, Object content, BiConsumer<T, T> copy) {
        String hash = hash(content);
        annotate(desired, hash);
        if (observed.isEmpty()) {
            create(desired);
            return;
        }
        T current = observed.get();
        if (Objects.equals(seenHash(current).orElse(null), hash) && holdsOwnedFields(desired, current, copy)) {
            return;
        }
        writes.edit(DatabaseEventSources.cacheOf(context, current), current, fresh -> {
            copy.accept(desired, fresh);
            fresh.getMetadata().setLabels(desired.getMetadata().getLabels());
            annotate(fresh, hash);
            return fresh;
        });
    }

    /**
     * Whether the live object still holds what the operator owns on it: {@code copy} applied to a copy of it
     * (with the desired labels) changes no field the live object has. An edit by hand ({@code replicas: 2} on
     * ZEO's Deployment, a changed {@code read-only} line in zeo.conf) makes it false, and is undone.
     */
    static <T extends HasMetadata> boolean holdsOwnedFields(T desired, T current, BiConsumer<T, T> copy) {
        T owned = Serialization.clone(current);
        copy.accept(desired, owned);
        owned.getMetadata().setLabels(desired.getMetadata().getLabels());
        return LiveFields.hold(current, owned);
    }

    <T extends HasMetadata> void create(T object) {
        writes.create(DatabaseEventSources.cacheOf(context, object), object);
    }

    void delete(HasMetadata object) {
        context.getClient().resource(object).delete();
    }

    KubernetesClient client() {
        return context.getClient();
    }

    /** Whether a create or patch succeeded in this reconcile. */
    boolean wrote() {
        return writes.wrote();
    }

    private static void annotate(HasMetadata object, String hash) {
        var annotations = new HashMap<String, String>(Optional.ofNullable(object.getMetadata().getAnnotations())
                .orElse(java.util.Map.of()));
        annotations.put(DatabaseObjects.DESIRED_HASH, hash);
        object.getMetadata().setAnnotations(annotations);
    }
}
