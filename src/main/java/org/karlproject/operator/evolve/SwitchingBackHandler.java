package org.karlproject.operator.evolve;

import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.SwitchBackReason;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * The way back after the volume switch: by being in this phase the run asks the ZeoDatabase to serve the
 * original volume ({@code sourceVolume}) again, still read-only, with its generations as they were. That
 * volume is exactly as at the final snapshot (nothing could write since). Once it serves it and is Ready,
 * the run fails with the reason recorded on entering ({@code switchBackReason}); the hold ends with it, the
 * old release serves its own generations, and the evolved copy is kept for inspection.
 */
final class SwitchingBackHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    /** Go to SwitchingBack, recording why. */
    static Step<EvolvePhase> enter(EvolveContext ctx, SwitchBackReason reason, String message) {
        ctx.status().setSwitchBackReason(reason);
        return new Step<>(EvolvePhase.SwitchingBack, org.karlproject.operator.status.Health.progressing("SwitchingBack",
                message + "; switching ZeoDatabase " + ctx.status().getDatabase() + " back to "
                        + ctx.status().getSourceVolume()), message, null, null);
    }

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        boolean back = ctx.databaseServes(ctx.status().getSourceVolume());
        if (!back) {
            return Steps.waiting("SwitchingBack", "waiting for ZeoDatabase " + ctx.status().getDatabase()
                    + " to serve the original volume " + ctx.status().getSourceVolume() + " again and be Ready");
        }
        String reason = Optional.ofNullable(ctx.status().getSwitchBackReason()).map(Enum::name).orElse("SwitchedBack");
        String why = ctx.status().getSteps().size() < 2 ? reason
                : Optional.ofNullable(ctx.status().getSteps().get(ctx.status().getSteps().size() - 2).getMessage())
                        .orElse(reason);
        return Steps.fail(reason, why + "; ZeoDatabase " + ctx.status().getDatabase() + " serves the original volume "
                + ctx.status().getSourceVolume() + " again at " + ctx.status().getFrom() + ", as at the final "
                + "snapshot; " + ctx.status().getRestoredVolume()
                + (Boolean.FALSE.equals(ctx.run().getSpec().getKeepRestoredVolumeOnFailure()) ? " is deleted"
                        : " is kept for inspection"));
    }
}
