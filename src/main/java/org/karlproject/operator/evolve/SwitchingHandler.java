package org.karlproject.operator.evolve;

import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.status.Conditions;

/**
 * Step 6: by being in this phase with {@code restoredVolume} and {@code toGenerations} recorded, the run
 * asks the ZeoDatabase to serve the evolved copy (it retains the old volume and takes the new
 * generations). Wait until it serves it and is Ready. From here on the run only moves forward: no
 * deadline and no budget can fail it.
 */
final class SwitchingHandler implements PhaseHandler {

    @Override
    public Step handle(EvolveContext ctx) {
        Optional<ZeoDatabase> database = ctx.database();
        boolean switched = database.map(ZeoDatabase::getStatus)
                .filter(s -> ctx.status().getRestoredVolume().equals(s.getActiveVolume()))
                .filter(s -> Conditions.isTrue(s.getConditions(), Conditions.READY)).isPresent();
        if (!switched) {
            return Step.waiting("Switching", "waiting for ZeoDatabase " + ctx.status().getDatabase() + " to serve "
                    + ctx.status().getRestoredVolume() + " and be Ready");
        }
        ctx.status().setPreviousVolume(ctx.status().getSourceVolume());
        return Step.advance(EvolvePhase.LeavingReadOnly, "ZeoDatabase " + ctx.status().getDatabase() + " serves "
                + ctx.status().getRestoredVolume() + "; " + ctx.status().getSourceVolume() + " is retained");
    }
}
