package org.karlproject.operator.evolve;

import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.SwitchBackReason;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 6: by being in this phase with {@code restoredVolume} and {@code toGenerations} recorded, the run
 * asks the ZeoDatabase to serve the evolved copy, still read-only (it retains the old volume and takes the
 * new generations). Wait until it serves it and is Ready, then await the site's traffic switch. If ZEO does
 * not serve the copy within the switch deadline ({@link EvolveSettings#switchDeadline()}), or the site
 * cancels the run, switch back to the original volume: nothing could write to it since the final snapshot.
 */
final class SwitchingHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        boolean switched = ctx.databaseServes(ctx.status().getRestoredVolume());
        if (switched) {
            return Steps.advance(EvolvePhase.AwaitingTraffic, "ZeoDatabase " + ctx.status().getDatabase()
                    + " serves " + ctx.status().getRestoredVolume() + ", read-only; waiting for KarlSite "
                    + ctx.run().getSpec().getSite() + " to switch traffic to " + ctx.run().getSpec().getRelease());
        }
        if (ctx.pastInPhase(ctx.settings().switchDeadline())) {
            return SwitchingBackHandler.enter(ctx, SwitchBackReason.SwitchDeadlineExceeded, "ZeoDatabase "
                    + ctx.status().getDatabase() + " did not serve " + ctx.status().getRestoredVolume()
                    + " and become Ready within " + ctx.settings().switchDeadline().toSeconds() + "s");
        }
        return Steps.waiting("Switching", "waiting for ZeoDatabase " + ctx.status().getDatabase() + " to serve "
                + ctx.status().getRestoredVolume() + " and be Ready").recheckAfter(
                        ctx.leftInPhase(ctx.settings().switchDeadline()));
    }
}
