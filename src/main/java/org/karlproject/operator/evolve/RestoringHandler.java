package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 4: a new PVC restored from the final snapshot (a dry run: from the base snapshot), at least the
 * snapshot's restoreSize. The step is done once the run's PVC exists and is not Lost: on a storage class
 * with {@code volumeBindingMode: WaitForFirstConsumer} (most clouds' default) it binds only when the evolve
 * Job's pod mounts it, so waiting for Bound here would wait forever. Whether it binds is checked in
 * Evolving, within the restore deadline. A PVC or snapshot of that name that the run did not make fails the
 * run ({@code NameTaken}) and is left alone.
 */
final class RestoringHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        Optional<PersistentVolumeClaim> volume = ctx.world().volume(status.getRestoredVolume());
        if (volume.isPresent() && !Ownership.ours(ctx, volume.get())) {
            return Ownership.nameTaken(ctx, volume.get());
        }
        if (volume.isPresent() && RestoredVolume.lost(volume.get())) {
            return Steps.fail("RestoreFailed", "PersistentVolumeClaim " + status.getRestoredVolume()
                    + " (restored from " + source(ctx) + ") is Lost");
        }
        if (volume.isPresent()) {
            return Steps.advance(EvolvePhase.Evolving, "PersistentVolumeClaim " + status.getRestoredVolume()
                    + " is restored from " + source(ctx) + (RestoredVolume.bound(volume.get()) ? " and Bound"
                            : "; it binds when the evolve Job mounts it"));
        }
        Optional<GenericKubernetesResource> snapshot = ctx.world().snapshot(source(ctx));
        if (snapshot.isPresent() && !Ownership.ours(ctx, snapshot.get())) {
            return Ownership.nameTaken(ctx, snapshot.get());
        }
        Optional<ZeoDatabase> database = ctx.database();
        if (snapshot.isEmpty() || database.isEmpty()) {
            // A cache that has not caught up yet (an operator just restarted) looks the same as a
            // deletion: wait, and fail only when the restore deadline has passed.
            if (ctx.pastInPhase(ctx.settings().restoreDeadline())) {
                return Steps.fail("SnapshotMissing", "VolumeSnapshot " + source(ctx) + " or ZeoDatabase "
                        + status.getDatabase() + " disappeared before the restore");
            }
            return Steps.waiting("Restoring", "waiting to see VolumeSnapshot " + source(ctx) + " and ZeoDatabase "
                    + status.getDatabase() + " before restoring")
                    .recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
        }
        StorageSpec storage = database.get().getSpec().getStorage();
        return Steps.waiting("Restoring", "creating PersistentVolumeClaim " + status.getRestoredVolume()
                + " (restored from " + source(ctx) + ")")
                .recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()))
                .with(Plan.none().create(RestoredVolume.of(ctx.run(), status.getRestoredVolume(), source(ctx),
                        status.getDatabase(), CsiSnapshots.restoreSize(snapshot.get()).orElse(null),
                        storage == null ? null : storage.getSize(),
                        storage == null ? null : storage.getStorageClassName())));
    }

    static String source(EvolveContext ctx) {
        return ctx.dryRun() ? ctx.status().getBaseSnapshot() : ctx.status().getFinalSnapshot();
    }
}
