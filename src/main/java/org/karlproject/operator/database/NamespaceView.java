package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One kind of a namespace's objects as a ZeoDatabase reconcile sees them (the PVCs, the VolumeSnapshots, the
 * drill and check Jobs of {@link Observed}): {@link #get} and {@link #containsKey} answer for <em>any</em>
 * name in the namespace, from the informer cache; iterating ({@link #values}, {@link #entrySet}) yields only
 * the objects related to the database, read from the caches' indexes (made by it, labelled for it, or
 * restoring from its snapshots, {@code DatabaseEventSources#observe}), in name order.
 *
 * <p>Every decision that iterates filters to those objects anyway (its UID, its label, a PVC restoring from
 * its snapshot); a decision that needs a name looks it up. Listing the whole namespace instead, once per
 * reconcile, made a fleet's start quadratic: at 1,000 databases in one namespace each reconcile sorted
 * every PVC and snapshot of the fleet (docs/benchmarks-analysis.md).
 */
final class NamespaceView<R extends HasMetadata> extends AbstractMap<String, R> {

    private final Function<String, Optional<R>> lookup;
    private final Map<String, R> related;

    private NamespaceView(Function<String, Optional<R>> lookup, Map<String, R> related) {
        this.lookup = lookup;
        this.related = Collections.unmodifiableMap(related);
    }

    /** A view answering the names of {@code namespace} from {@code cache} and iterating {@code related} (duplicates once). */
    static <R extends HasMetadata> NamespaceView<R> of(InformerEventSource<R, ?> cache, String namespace,
            Stream<R> related) {
        Map<String, R> byName = new TreeMap<>();
        related.forEach(o -> byName.putIfAbsent(o.getMetadata().getName(), o));
        return new NamespaceView<>(name -> cache.get(new ResourceID(name, namespace)), byName);
    }

    @Override
    public R get(Object name) {
        return name instanceof String s ? lookup.apply(s).orElse(null) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, R>> entrySet() {
        return related.entrySet();
    }
}
