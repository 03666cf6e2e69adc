package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;

/**
 * Succeeded and Failed: nothing more happens, except tidying what a run that did not switch leaves
 * behind. A failed run stops a still running evolve Job and keeps the restored copy labelled for
 * inspection ({@code keepRestoredVolumeOnFailure}, the default) or deletes it; a successful dry run deletes
 * its copy. Each action is taken only when the cache shows it is still needed, so a converged terminal run
 * makes no write at all.
 */
final class TerminalHandler implements PhaseHandler {

    @Override
    public Step handle(EvolveContext ctx) {
        if (ctx.status().getPhase() == EvolvePhase.Failed) {
            stopJob(ctx);
            boolean keep = !Boolean.FALSE.equals(ctx.run().getSpec().getKeepRestoredVolumeOnFailure());
            if (keep) {
                copy(ctx).filter(pvc -> !"true".equals(labels(pvc).get(ChildNames.INSPECT_LABEL)))
                        .ifPresent(pvc -> ctx.actions().label(pvc, ChildNames.INSPECT_LABEL, "true"));
            } else {
                copy(ctx).ifPresent(ctx.actions()::delete);
            }
        } else if (ctx.dryRun()) {
            copy(ctx).ifPresent(ctx.actions()::delete);
        }
        Optional.ofNullable(ctx.status().getDatabase()).flatMap(ctx.world()::claim)
                .filter(claim -> AdmissionClaim.heldBy(claim, ctx.run()))
                .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
                .ifPresent(ctx.actions()::release);
        return Step.unchanged();
    }

    private static void stopJob(EvolveContext ctx) {
        Optional.ofNullable(ctx.status().getJob()).flatMap(ctx.world()::job)
                .filter(job -> Ownership.ours(ctx, job))
                .filter(job -> EvolveJob.finished(job).isEmpty())
                .filter(job -> job.getMetadata().getDeletionTimestamp() == null)
                .ifPresent(ctx.actions()::delete);
    }

    private static Optional<PersistentVolumeClaim> copy(EvolveContext ctx) {
        return Optional.ofNullable(ctx.status().getRestoredVolume()).flatMap(ctx.world()::volume)
                .filter(pvc -> Ownership.ours(ctx, pvc)) // never label or delete another's volume (the live one)
                .filter(pvc -> pvc.getMetadata().getDeletionTimestamp() == null);
    }

    private static Map<String, String> labels(PersistentVolumeClaim pvc) {
        return Optional.ofNullable(pvc.getMetadata().getLabels()).orElse(Map.of());
    }

}
