package org.karlproject.operator.evolve;

import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 2: the run holds the database read-only by being in this phase (the ZeoDatabase reconciler reads
 * EvolveRun phases and restarts ZEO read-only); wait until the database reports read-only with this run
 * among its holders. The read-only budget counts from the start of this phase.
 */
final class EnteringReadOnlyHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        Optional<ZeoDatabase> database = ctx.database();
        if (database.isPresent() && Holds.readOnlyHeldBy(database.get(), ctx.name())) {
            return Steps.advance(EvolvePhase.FinalSnapshot, "ZeoDatabase " + ctx.status().getDatabase()
                    + " runs read-only, held by this run");
        }
        return Steps.waiting("EnteringReadOnly", "waiting for ZeoDatabase " + ctx.status().getDatabase()
                + " to run read-only with this run as a holder");
    }
}
