package org.karlproject.operator.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data lineage of the simulated cluster: what each volume (PVC) and each VolumeSnapshot holds, which
 * writes were made where, and which volumes evolve Jobs mounted. The {@link SimulatedCluster} changes it
 * (binding, snapshotting, restoring, evolving, ZEO writes); tests only read it.
 *
 * <p>Rules: a new PVC without a data source holds an empty database whose identity is {@code ns/name};
 * a snapshot captures its source volume's content at the moment it becomes ready; a PVC restored from a
 * snapshot copies the snapshot's content; a succeeded evolve Job raises the generations of every volume it
 * mounts to its targets; a writable, ready ZEO server adds a write to the volume it serves on every tick.
 * Deleting a PVC or a snapshot deletes its content (the evolve-mount record and the write log stay).
 * Volumes and snapshots are named {@code namespace/name}.
 */
public final class Lineage {
    /** One write made by a ZEO server: a global id (increasing), when, and to which volume. */
    public record Write(long id, Instant time, String volume) {
    }

    private final Map<String, VolumeContent> volumes = new ConcurrentHashMap<>();
    private final Map<String, VolumeContent> snapshots = new ConcurrentHashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final Set<String> evolveMounts = ConcurrentHashMap.newKeySet();

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    // ---- changes, made by the simulated cluster ----

    void createVolume(String volume) {
        volumes.put(volume, VolumeContent.empty(volume));
    }

    void restoreVolume(String volume, String snapshot) {
        VolumeContent content = snapshots.get(snapshot);
        if (content == null) {
            throw new IllegalStateException("restore of " + volume + " from the unknown snapshot " + snapshot);
        }
        volumes.put(volume, content);
    }

    /** Captures the source's content; false when the source holds no content (not bound yet). */
    boolean captureSnapshot(String snapshot, String sourceVolume) {
        VolumeContent content = volumes.get(sourceVolume);
        if (content == null) {
            return false;
        }
        snapshots.put(snapshot, content);
        return true;
    }

    /** A deleted PVC's data is gone: a new PVC of the same name starts afresh. */
    void deleteVolume(String volume) {
        volumes.remove(volume);
    }

    void deleteSnapshot(String snapshot) {
        snapshots.remove(snapshot);
    }

    void evolve(String volume, Map<String, Long> targets) {
        volumes.computeIfPresent(volume, (k, content) -> content.evolvedTo(targets));
    }

    void markEvolveMount(String volume) {
        evolveMounts.add(volume);
    }

    synchronized Write write(String volume, Instant time) {
        Write write = new Write(writes.size() + 1L, time, volume);
        writes.add(write);
        volumes.computeIfPresent(volume, (k, content) -> content.withWrite(write.id()));
        return write;
    }

    // ---- queries, for assertions ----

    /** The content of a volume, if the simulated cluster has bound it. */
    public Optional<VolumeContent> volume(String namespace, String pvc) {
        return Optional.ofNullable(volumes.get(key(namespace, pvc)));
    }

    /** The content a ready snapshot captured. */
    public Optional<VolumeContent> snapshot(String namespace, String snapshot) {
        return Optional.ofNullable(snapshots.get(key(namespace, snapshot)));
    }

    /** Every volume ({@code ns/name}) that a Job labelled as an evolve run ever mounted. */
    public Set<String> volumesMountedByEvolveJobs() {
        return Set.copyOf(evolveMounts);
    }

    public boolean wasMountedByEvolveJob(String namespace, String pvc) {
        return evolveMounts.contains(key(namespace, pvc));
    }

    /** The id of the latest write so far (0 if none): a mark for {@link #holdsAllWrites}. */
    public synchronized long lastWriteId() {
        return writes.size();
    }

    /** Every write made to one volume, oldest first. */
    public synchronized List<Write> writesTo(String namespace, String pvc) {
        String volume = key(namespace, pvc);
        return writes.stream().filter(w -> w.volume().equals(volume)).toList();
    }

    /**
     * Whether {@code target} holds every write made to {@code source} up to the write id {@code upTo}
     * (e.g. {@link #lastWriteId()} taken at the read-only switch).
     */
    public boolean holdsAllWrites(String namespace, String source, long upTo, String target) {
        return missingWrites(namespace, source, upTo, target).isEmpty();
    }

    /** Like {@link #holdsAllWrites(String, String, long, String)}, with a time instead of a write id. */
    public boolean holdsAllWritesBefore(String namespace, String source, Instant before, String target) {
        long upTo = writesTo(namespace, source).stream().filter(w -> w.time().isBefore(before))
                .mapToLong(Write::id).max().orElse(0);
        return holdsAllWrites(namespace, source, upTo, target);
    }

    /** The writes to {@code source} (up to {@code upTo}) that {@code target} does not hold. */
    public List<Write> missingWrites(String namespace, String source, long upTo, String target) {
        VolumeContent content = volume(namespace, target).orElse(VolumeContent.empty("none"));
        List<Write> missing = new ArrayList<>();
        for (Write write : writesTo(namespace, source)) {
            if (write.id() <= upTo && !content.contains(write.id())) {
                missing.add(write);
            }
        }
        return missing;
    }

    /** A readable dump for failure messages. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("volumes:\n");
        new java.util.TreeMap<>(volumes).forEach((k, v) -> out.append("  ").append(k).append(" = ").append(describe(v))
                .append('\n'));
        out.append("snapshots:\n");
        new java.util.TreeMap<>(snapshots).forEach((k, v) -> out.append("  ").append(k).append(" = ")
                .append(describe(v)).append('\n'));
        out.append("mounted by evolve jobs: ").append(new LinkedHashSet<>(evolveMounts));
        return out.toString();
    }

    private static String describe(VolumeContent content) {
        return content.identity() + " " + content.generations() + " writes=" + content.writes().size()
                + " last=" + content.lastWrite();
    }
}
