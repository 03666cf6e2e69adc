package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.database.Retention;

/**
 * The retention rule of a run's own snapshots ({@code <run>-base}, {@code <run>-final}), which the run holds
 * ({@code held-by=evolverun.<run>}) and therefore releases itself (invariant 3: only their maker deletes them).
 * A succeeded run releases them once the volume its switch retained ({@code status.previousVolume}) is no
 * longer kept: the database serves it no more and lists it no more among its previous volumes, no site names
 * it for a rollback (nor a data restore or its way back), and the PVC itself is gone. A succeeded dry run
 * releases its base snapshot once its copy is gone. A failed run keeps them (with the copy kept for
 * inspection; the user deletes them). A database that is not seen keeps them all. Pure.
 */
final class SnapshotRelease {

    private SnapshotRelease() {
    }

    /** Whether a finished run may still have snapshots to release (the reconciler wakes such runs). */
    static boolean pending(EvolveRun run) {
        EvolveRunStatus s = run.getStatus();
        return s != null && s.getPhase() == EvolvePhase.Succeeded && s.getSnapshotsReleasedAt() == null
                && (s.getBaseSnapshot() != null || s.getFinalSnapshot() != null);
    }

    /** Whether the run's snapshots may go now: nothing can need them any more. */
    static boolean releasable(EvolveContext ctx) {
        EvolveRunStatus status = ctx.status();
        if (!pending(ctx.run())) {
            return false;
        }
        Optional<ZeoDatabase> db = ctx.database();
        if (db.isEmpty() || db.get().getStatus() == null) {
            return false;
        }
        String kept = ctx.dryRun() ? status.getRestoredVolume() : status.getPreviousVolume();
        return kept != null && ctx.world().volume(kept).isEmpty() && !needed(kept, db.get(), ctx.world());
    }

    /** The run's own snapshots, as the cache shows them (not those already being deleted). */
    static List<GenericKubernetesResource> own(EvolveContext ctx) {
        EvolveRunStatus status = ctx.status();
        return Stream.of(status.getBaseSnapshot(), status.getFinalSnapshot()).filter(Objects::nonNull)
                .map(ctx.world()::snapshot).flatMap(Optional::stream)
                .filter(s -> Ownership.ours(ctx, s)) // never another's snapshot of that name
                .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    private static boolean needed(String volume, ZeoDatabase db, World world) {
        boolean kept = volume.equals(db.getStatus().getActiveVolume()) || db.getStatus().getPreviousVolumes().stream()
                .map(PreviousVolume::getName).anyMatch(volume::equals);
        Set<String> rollbacks = Retention.neededBySites(db.getMetadata().getName(), world.sites());
        return kept || rollbacks.contains(volume);
    }
}
