package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.SnapshotSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.status.Conditions;

/**
 * The per-database snapshot limit ({@code spec.snapshots.limit}), pure. Counted: the database's own snapshots
 * (its UID: backups, pre-pack snapshots, a seed) and those its evolve runs made of it (the run's UID and the
 * database's label, a run of this database that the cache shows). At the limit the database takes no new
 * scheduled or on-demand snapshot and reports {@code Stalled}, reason {@value #REASON}; an evolve run
 * waits at admission while its snapshots would not fit. Nothing is ever deleted to make room, and the final
 * snapshot at deletion is never held back by the limit.
 */
public final class SnapshotLimit {

    /** The reason of the Stalled condition and of an evolve run that waits for room. */
    public static final String REASON = "SnapshotLimitReached";

    private SnapshotLimit() {
    }

    /** The database's limit: {@code spec.snapshots.limit}, or {@value SnapshotSpec#DEFAULT_LIMIT}. */
    public static int limit(ZeoDatabase db) {
        return Optional.ofNullable(db.getSpec().getSnapshots()).map(SnapshotSpec::getLimit)
                .orElse(SnapshotSpec.DEFAULT_LIMIT);
    }

    /** Whether {@code needed} more snapshots fit beside {@code count} under {@code limit}. */
    public static boolean fits(int count, int limit, int needed) {
        return count + needed <= limit;
    }

    /** The snapshots counted against the limit of {@code o}'s database. */
    static List<GenericKubernetesResource> counted(Observed o) {
        String name = o.db().getMetadata().getName();
        Set<String> runs = o.runs().stream()
                .filter(r -> r.getStatus() != null && name.equals(r.getStatus().getDatabase()))
                .map(r -> r.getMetadata().getUid()).filter(Objects::nonNull).collect(Collectors.toSet());
        String label = Names.join(Names.MAX_LABEL, name);
        return o.snapshots().values().stream()
                .filter(s -> Labels.madeBy(s, o.db()) || runs.contains(Labels.ownerUid(s))
                        && label.equals(Optional.ofNullable(s.getMetadata().getLabels()).map(l -> l.get(Labels.DATABASE))
                                .orElse(null)))
                .toList();
    }

    /**
     * Whether a database's conditions say it serves: Ready, or Stalled only for want of snapshot room (it
     * serves as before; only new snapshots wait). What waits for a database to serve a volume (an evolve
     * run's switch and switch back, a site's data restore) reads this, so that the limit never holds a
     * database read-only or a switch half done.
     */
    public static boolean serving(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
        return Conditions.isTrue(conditions, Conditions.READY) || Conditions.isTrue(conditions, Conditions.STALLED)
                && Conditions.find(conditions, Conditions.STALLED).map(c -> REASON.equals(c.getReason())).orElse(false);
    }

    /** The Stalled message at the limit. */
    static String message(int count, int limit) {
        return count + " VolumeSnapshots of this database exist, at spec.snapshots.limit=" + limit + ": no new "
                + "scheduled, on-demand or pre-pack snapshot is taken and no evolve run starts until some are pruned "
                + "(spec.backup.keep, keepOnDemand, onDemandMaxAgeDays, spec.pack.keepSnapshots), deleted by hand, or the limit is raised; "
                + "nothing is deleted to make room";
    }
}
