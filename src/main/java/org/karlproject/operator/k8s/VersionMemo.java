package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Remembers one answer per object, for as long as the object is at the version it was computed for: a
 * stored object does not change without a new {@code resourceVersion}, so an answer drawn from it alone (its
 * validation; whether it holds the fields the operator owns, for a given desired content) stays true until
 * then. Most reconciles of a fleet are woken by a child's change while the primary is unchanged: they get the
 * answer without serialising the object again (the profile of a 500-site install put a third of the reconcile
 * time there). An object without a uid or a version (built by hand, never stored) is not remembered.
 * Bounded: the least recently used of more than {@code capacity} objects is forgotten.
 *
 * @param <V> the answer
 */
public final class VersionMemo<V> {
    private record Entry<V>(Object version, Object input, V value) {
    }

    private final Map<String, Entry<V>> entries;
    private final Function<ObjectMeta, Object> version;

    /** Answers remembered per {@code resourceVersion}: for answers drawn from the whole object. */
    public VersionMemo(int capacity) {
        this(capacity, ObjectMeta::getResourceVersion);
    }

    private VersionMemo(int capacity, Function<ObjectMeta, Object> version) {
        this.version = version;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Answers remembered per {@code metadata.generation}: for answers drawn from the spec (and the immutable
     * name) alone. The API server raises the generation of a custom resource with a status subresource on
     * every change of its spec and on no other, so such an answer outlives the status writes of a rollout,
     * which each give the object a new resourceVersion.
     */
    public static <V> VersionMemo<V> perSpecGeneration(int capacity) {
        return new VersionMemo<>(capacity, ObjectMeta::getGeneration);
    }

    /** {@code compute}'s answer for {@code object} at its version, remembered until it has another. */
    public V get(HasMetadata object, Supplier<V> compute) {
        return get(object, null, compute);
    }

    /**
     * {@code compute}'s answer for {@code object} at its version and for {@code input} (another value the
     * answer depends on, compared with {@code equals}: e.g. a desired content's hash).
     */
    public V get(HasMetadata object, Object input, Supplier<V> compute) {
        String uid = object.getMetadata() == null ? null : object.getMetadata().getUid();
        Object version = uid == null ? null : this.version.apply(object.getMetadata());
        if (version == null) {
            return compute.get();
        }
        String key = object.getKind() + "/" + uid;
        synchronized (entries) {
            Entry<V> known = entries.get(key);
            if (known != null && known.version().equals(version) && Objects.equals(known.input(), input)) {
                return known.value();
            }
        }
        V value = compute.get();
        synchronized (entries) {
            entries.put(key, new Entry<>(version, input, value));
        }
        return value;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
