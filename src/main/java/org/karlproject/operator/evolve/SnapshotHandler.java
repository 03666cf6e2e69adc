package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;
import java.util.function.Function;
import org.karlproject.operator.api.database.SnapshotSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Steps 1 and 3: a VolumeSnapshot of the live volume, created once under its recorded name, then awaited
 * until readyToUse. An error reported by the CSI driver, or no readiness within the snapshot deadline,
 * fails the run. The final snapshot also fails the run if the database no longer serves the source volume.
 */
final class SnapshotHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {
    private final String what;
    private final Function<EvolveRunStatus, String> name;
    private final Function<EvolveContext, EvolvePhase> next;

    private SnapshotHandler(String what, Function<EvolveRunStatus, String> name,
            Function<EvolveContext, EvolvePhase> next) {
        this.what = what;
        this.name = name;
        this.next = next;
    }

    /** While writable; a dry run restores from it directly. */
    static SnapshotHandler base() {
        return new SnapshotHandler("base", EvolveRunStatus::getBaseSnapshot,
                ctx -> ctx.dryRun() ? EvolvePhase.Restoring : EvolvePhase.EnteringReadOnly);
    }

    /** While read-only: consistent. */
    static SnapshotHandler last() {
        return new SnapshotHandler("final", EvolveRunStatus::getFinalSnapshot, ctx -> EvolvePhase.Restoring);
    }

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        String snapshotName = name.apply(status);
        Optional<ZeoDatabase> database = ctx.database();
        if (database.isEmpty()) {
            return Steps.waiting("DatabaseMissing", "ZeoDatabase " + status.getDatabase() + " is gone");
        }
        String live = database.get().getStatus() == null ? null : database.get().getStatus().getActiveVolume();
        if (!status.getSourceVolume().equals(live)) {
            return Steps.fail("VolumeChanged", "ZeoDatabase " + status.getDatabase() + " now serves " + live
                    + " instead of " + status.getSourceVolume() + " (the run's source); nothing was switched");
        }
        Optional<GenericKubernetesResource> snapshot = ctx.world().snapshot(snapshotName);
        if (snapshot.isPresent() && !Ownership.ours(ctx, snapshot.get())) {
            return Ownership.nameTaken(ctx, snapshot.get());
        }
        if (snapshot.isEmpty()) {
            return waiting(ctx, snapshotName).with(Plan.none().create(EvolveSnapshots.of(ctx.run(), snapshotName,
                    status.getSourceVolume(), status.getDatabase(), Optional.ofNullable(database.get().getSpec()
                            .getSnapshots()).map(SnapshotSpec::getVolumeSnapshotClassName).orElse(null))));
        }
        Optional<String> error = CsiSnapshots.error(snapshot.get());
        if (error.isPresent()) {
            return Steps.fail("SnapshotFailed", "VolumeSnapshot " + snapshotName + " (" + what + " snapshot of "
                    + status.getSourceVolume() + ") failed: " + error.get());
        }
        if (!CsiSnapshots.ready(snapshot.get())) {
            if (ctx.pastInPhase(ctx.settings().snapshotDeadline())) {
                return Steps.fail("SnapshotTimedOut", "VolumeSnapshot " + snapshotName + " (" + what
                        + " snapshot) was not ready within " + ctx.settings().snapshotDeadline().toSeconds() + "s");
            }
            return waiting(ctx, snapshotName);
        }
        return Steps.advance(next.apply(ctx), "VolumeSnapshot " + snapshotName + " of " + status.getSourceVolume()
                + " is ready");
    }

    private Step<EvolvePhase> waiting(EvolveContext ctx, String snapshotName) {
        return Steps.waiting(what.equals("base") ? "TakingBaseSnapshot" : "TakingFinalSnapshot",
                "waiting for VolumeSnapshot " + snapshotName + " of " + ctx.status().getSourceVolume()
                        + " to be ready").recheckAfter(ctx.leftInPhase(ctx.settings().snapshotDeadline()));
    }
}
