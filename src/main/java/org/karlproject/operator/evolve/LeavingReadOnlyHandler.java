package org.karlproject.operator.evolve;

import org.karlproject.operator.api.database.ZeoDatabase;

/**
 * Step 7: the hold ends because the run left the holding phases; wait until the database no longer lists
 * this run as a holder (it may stay read-only for others), then the run has succeeded.
 */
final class LeavingReadOnlyHandler implements PhaseHandler {

    @Override
    public Step handle(EvolveContext ctx) {
        boolean held = ctx.database().map(db -> Holds.listedAsHolder(db, ctx.name())).orElse(false);
        if (held) {
            return Step.waiting("LeavingReadOnly", "waiting for ZeoDatabase " + ctx.status().getDatabase()
                    + " to release this run's read-only hold");
        }
        return Step.succeed("Succeeded", "ZeoDatabase " + ctx.status().getDatabase() + " serves "
                + ctx.status().getRestoredVolume() + " at " + ctx.status().getTo() + "; "
                + ctx.status().getPreviousVolume() + " is retained for data rollback");
    }
}
