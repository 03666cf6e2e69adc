package org.karlproject.operator.sim;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a simulated volume holds, as an immutable value: the identity of the database it descends from (the
 * volume where its data was first written), its evolve generation per manager, and the ids of every
 * {@link Lineage.Write} it contains. A snapshot or a restore copies the value; evolving or writing makes a
 * new one.
 */
public record VolumeContent(String identity, Map<String, Long> generations, SortedSet<Long> writes) {

    public VolumeContent {
        generations = Collections.unmodifiableMap(new TreeMap<>(generations));
        writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
    }

    static VolumeContent empty(String identity) {
        return new VolumeContent(identity, Map.of(), new TreeSet<>());
    }

    /** The generation of one evolve manager; 0 when the volume has none yet. */
    public long generation(String manager) {
        return generations.getOrDefault(manager, 0L);
    }

    public boolean contains(long writeId) {
        return writes.contains(writeId);
    }

    /** The last write this volume holds, 0 if none. */
    public long lastWrite() {
        return writes.isEmpty() ? 0 : writes.last();
    }

    /** Raises each named manager's generation to the target (never lowers one). */
    VolumeContent evolvedTo(Map<String, Long> targets) {
        Map<String, Long> raised = new TreeMap<>(generations);
        targets.forEach((manager, target) -> raised.merge(manager, target, Math::max));
        return new VolumeContent(identity, raised, writes);
    }

    VolumeContent withWrite(long writeId) {
        SortedSet<Long> more = new TreeSet<>(writes);
        more.add(writeId);
        return new VolumeContent(identity, generations, more);
    }
}
