package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;

/**
 * Step 4: a new PVC restored from the final snapshot (a dry run: from the base snapshot), at least the
 * snapshot's restoreSize; wait until Bound. Still Pending past the restore deadline fails the run.
 */
final class RestoringHandler implements PhaseHandler {

    @Override
    public Step handle(EvolveContext ctx) {
        EvolveRunStatus status = ctx.status();
        Optional<PersistentVolumeClaim> volume = ctx.world().volume(status.getRestoredVolume());
        if (volume.isPresent() && RestoredVolume.bound(volume.get())) {
            return Step.advance(EvolvePhase.Evolving, "PersistentVolumeClaim " + status.getRestoredVolume()
                    + " is restored from " + source(ctx) + " and Bound");
        }
        if (volume.isEmpty()) {
            Optional<GenericKubernetesResource> snapshot = ctx.world().snapshot(source(ctx));
            Optional<ZeoDatabase> database = ctx.database();
            if (snapshot.isEmpty() || database.isEmpty()) {
                // A cache that has not caught up yet (an operator just restarted) looks the same as a
                // deletion: wait, and fail only when the restore deadline has passed.
                if (ctx.pastInPhase(ctx.settings().restoreDeadline())) {
                    return Step.fail("SnapshotMissing", "VolumeSnapshot " + source(ctx) + " or ZeoDatabase "
                            + status.getDatabase() + " disappeared before the restore");
                }
                return Step.waiting("Restoring", "waiting to see VolumeSnapshot " + source(ctx) + " and ZeoDatabase "
                        + status.getDatabase() + " before restoring")
                        .recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
            }
            StorageSpec storage = database.get().getSpec().getStorage();
            ctx.actions().create(RestoredVolume.of(ctx.run(), status.getRestoredVolume(), source(ctx),
                    status.getDatabase(), EvolveSnapshots.restoreSize(snapshot.get()).orElse(null),
                    storage == null ? null : storage.getSize(), storage == null ? null : storage.getStorageClassName()));
        } else if (ctx.pastInPhase(ctx.settings().restoreDeadline())) {
            return Step.fail("RestoreTimedOut", "PersistentVolumeClaim " + status.getRestoredVolume()
                    + " (restored from " + source(ctx) + ") stayed Pending for more than "
                    + ctx.settings().restoreDeadline().toSeconds() + "s");
        }
        return Step.waiting("Restoring", "waiting for PersistentVolumeClaim " + status.getRestoredVolume()
                + " (restored from " + source(ctx) + ") to be Bound")
                .recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
    }

    static String source(EvolveContext ctx) {
        return ctx.dryRun() ? ctx.status().getBaseSnapshot() : ctx.status().getFinalSnapshot();
    }
}
