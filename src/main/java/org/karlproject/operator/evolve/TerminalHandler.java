package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Succeeded and Failed: nothing more happens, except tidying what a run that did not switch leaves
 * behind. A failed run stops a still running evolve or check Job and keeps the restored copy labelled for
 * inspection ({@code keepRestoredVolumeOnFailure}, the default) or deletes it; a successful dry run deletes
 * its copy; the run's admission claim goes. Each intent is asked for only when the cache shows it is still
 * needed, so a converged terminal run makes no write at all.
 */
final class TerminalHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        Plan plan = Plan.none();
        if (status.getPhase() == EvolvePhase.Failed) {
            stopJob(ctx, plan);
            boolean keep = !Boolean.FALSE.equals(ctx.run().getSpec().getKeepRestoredVolumeOnFailure());
            if (keep) {
                copy(ctx).filter(pvc -> !"true".equals(labels(pvc).get(ChildNames.INSPECT_LABEL)))
                        .ifPresent(pvc -> plan.edit(pvc, TerminalHandler::inspect));
            } else {
                copy(ctx).ifPresent(plan::delete);
            }
        } else if (ctx.dryRun()) {
            copy(ctx).ifPresent(plan::delete);
        }
        if (SnapshotRelease.releasable(ctx)) {
            SnapshotRelease.own(ctx).forEach(plan::delete);
            status.setSnapshotsReleasedAt(Phases.time(ctx.now())); // recorded after the deletes; never again
        }
        Optional.ofNullable(status.getDatabase()).flatMap(ctx.world()::claim)
                .filter(claim -> AdmissionClaim.heldBy(claim, ctx.run()))
                .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
                .ifPresent(plan::delete); // only as seen: a claim re-created since by another run stays
        return Steps.unchanged().with(plan);
    }

    private static void stopJob(EvolveContext ctx, Plan plan) {
        java.util.stream.Stream.of(ctx.status().getJob(), ctx.status().getVerifyJob(), ctx.status().getLastTransactionJob())
                .filter(java.util.Objects::nonNull).map(ctx.world()::job).flatMap(Optional::stream)
                .filter(job -> Ownership.ours(ctx, job))
                .filter(job -> EvolveJob.finished(job).isEmpty())
                .filter(job -> job.getMetadata().getDeletionTimestamp() == null)
                .forEach(plan::delete);
    }

    private static Optional<PersistentVolumeClaim> copy(EvolveContext ctx) {
        return Optional.ofNullable(ctx.status().getRestoredVolume()).flatMap(ctx.world()::volume)
                .filter(pvc -> Ownership.ours(ctx, pvc)) // never label or delete another's volume (the live one)
                .filter(pvc -> pvc.getMetadata().getDeletionTimestamp() == null);
    }

    /** The copy labelled for inspection. */
    private static PersistentVolumeClaim inspect(PersistentVolumeClaim pvc) {
        Map<String, String> labels = new LinkedHashMap<>(labels(pvc));
        labels.put(ChildNames.INSPECT_LABEL, "true");
        pvc.getMetadata().setLabels(labels);
        return pvc;
    }

    private static Map<String, String> labels(PersistentVolumeClaim pvc) {
        return Optional.ofNullable(pvc.getMetadata().getLabels()).orElse(Map.of());
    }
}
