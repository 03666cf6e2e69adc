package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.karlproject.operator.k8s.ContentHash;

/**
 * Creates and updates child objects without server-side apply, and without writing when nothing changed:
 * each child carries the hash of its desired content in the annotation
 * {@value org.karlproject.operator.database.DatabaseObjects#DESIRED_HASH}; an update (a JSON patch computed
 * from the cached object) is sent only when that hash differs. A create that meets 409 means an earlier
 * reconcile created it and the cache has not seen it yet.
 */
final class Children {

    private Children() {
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
     *
     * @return the object as now stored, or the observed one when nothing was written
     */
    static <T extends HasMetadata> T ensure(KubernetesClient client, T desired, Optional<T> observed, Object content,
            BiConsumer<T, T> copy) {
        String hash = hash(content);
        annotate(desired, hash);
        if (observed.isEmpty()) {
            return create(client, desired);
        }
        T current = observed.get();
        if (Objects.equals(seenHash(current).orElse(null), hash)) {
            return current;
        }
        return client.resource(current).edit(fresh -> {
            copy.accept(desired, fresh);
            fresh.getMetadata().setLabels(desired.getMetadata().getLabels());
            annotate(fresh, hash);
            return fresh;
        });
    }

    static <T extends HasMetadata> T create(KubernetesClient client, T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return object;
            }
            throw e;
        }
    }

    static void delete(KubernetesClient client, HasMetadata object) {
        client.resource(object).delete();
    }

    private static void annotate(HasMetadata object, String hash) {
        var annotations = new HashMap<String, String>(Optional.ofNullable(object.getMetadata().getAnnotations())
                .orElse(java.util.Map.of()));
        annotations.put(DatabaseObjects.DESIRED_HASH, hash);
        object.getMetadata().setAnnotations(annotations);
    }
}
