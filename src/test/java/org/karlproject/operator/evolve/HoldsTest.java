package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;

/** Holds applies EvolvePhase.holdsReadOnly(), the one list of the phases that hold a database read-only. */
class HoldsTest {

    @Test
    void aRunHoldsItsDatabaseExactlyInThePhasesTheApiSaysAndNeverAsADryRun() {
        for (EvolvePhase phase : EvolvePhase.values()) {
            EvolveRun run = EvolveFixtures.run("run");
            run.setStatus(new EvolveRunStatus());
            run.getStatus().setDatabase(EvolveFixtures.DB);
            run.getStatus().setPhase(phase);
            assertEquals(phase.holdsReadOnly(), Holds.holds(run, EvolveFixtures.DB), phase::name);
            assertEquals(false, Holds.holds(run, "another-database"), phase::name);
            run.getSpec().setDryRun(true);
            assertEquals(false, Holds.holds(run, EvolveFixtures.DB), () -> "dry run in " + phase);
        }
        assertEquals(EnumSet.of(EvolvePhase.EnteringReadOnly, EvolvePhase.FinalSnapshot, EvolvePhase.Restoring,
                EvolvePhase.Evolving, EvolvePhase.Verifying, EvolvePhase.Switching, EvolvePhase.AwaitingTraffic,
                EvolvePhase.SwitchingBack), Holds.HOLDING);
    }
}
