package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Remembers one answer per object, for as long as the object is at the version it was computed for: a
 * stored object does not change without a new {@code resourceVersion}, so an answer drawn from it alone (its
 * validation; whether it holds the fields the operator owns, for a given desired content) stays true until
 * then. Most reconciles of a fleet are woken by a child's change while the primary is unchanged: they get the
 * answer without serialising the object again (the profile of a 500-site install put a third of the reconcile
 * time there). An object without a uid or a resourceVersion (built by hand, never stored) is not remembered.
 * Bounded: the least recently used of more than {@code capacity} objects is forgotten.
 *
 * @param <V> the answer
 */
public final class VersionMemo<V> {
    private record Entry<V>(String resourceVersion, Object input, V value) {
    }

    private final Map<String, Entry<V>> entries;

    public VersionMemo(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
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
        String version = uid == null ? null : object.getMetadata().getResourceVersion();
        if (version == null) {
            return compute.get();
        }
        String key = object.getKind() + "/" + uid;
        synchronized (entries) {
            Entry<V> known = entries.get(key);
            if (known != null && known.resourceVersion().equals(version) && Objects.equals(known.input(), input)) {
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
