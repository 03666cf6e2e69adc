package org.karlproject.operator.evolve;

import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 8: the hold ends because the run left the holding phases (the site has switched traffic to the run's
 * release); wait until the database no longer lists
 * this run as a holder and ZEO runs writable again (unless someone else keeps it read-only: the spec or
 * another holder), then the run has succeeded. The read-only window ends when writes are possible again.
 */
final class LeavingReadOnlyHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        boolean held = ctx.database().map(db -> Holds.listedAsHolder(db, ctx.name())).orElse(false);
        if (held) {
            return Steps.waiting("LeavingReadOnly", "waiting for ZeoDatabase " + ctx.status().getDatabase()
                    + " to release this run's read-only hold");
        }
        boolean stillReadOnly = ctx.database().map(LeavingReadOnlyHandler::readOnlyForNoOneElse).orElse(false);
        if (stillReadOnly) {
            return Steps.waiting("LeavingReadOnly", "waiting for ZEO of " + ctx.status().getDatabase()
                    + " to run writable again");
        }
        return Steps.succeed("Succeeded", "ZeoDatabase " + ctx.status().getDatabase() + " serves "
                + ctx.status().getRestoredVolume() + " at " + ctx.status().getTo() + "; "
                + ctx.status().getPreviousVolume() + " is retained for data rollback");
    }

    /** Read-only although nobody asks for it any more: ZEO has not restarted writable yet. */
    static boolean readOnlyForNoOneElse(ZeoDatabase db) {
        ReadOnlyStatus readOnly = db.getStatus() == null ? null : db.getStatus().getReadOnly();
        return readOnly != null && Boolean.TRUE.equals(readOnly.getActive()) && readOnly.getHolders().isEmpty()
                && !Boolean.TRUE.equals(db.getSpec().getReadOnly());
    }
}
