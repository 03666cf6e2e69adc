package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.sim.SimHarness;

/** Switching has a deadline: a ZEO that cannot start on the copy sends the database back to the original. */
class EvolveSwitchBackScenarioTest {
    SimHarness h;
    String live;

    @BeforeEach
    void start() {
        h = SimHarness.start(EvolveFixtures.operator(EvolveSettings.DEFAULTS.withSwitchDeadline(Duration.ofSeconds(3))));
        live = EvolveFixtures.world(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void zeoThatCannotStartOnTheCopyIsSwitchedBackToTheOriginal() {
        h.cluster().zeoCannotStartOn("run-evolved");
        h.step("ZEO cannot start on the evolved copy: the database is down and read-only while the run switches");
        EvolveRun run = h.apply(EvolveFixtures.run("run"));
        h.awaitPhase(run, EvolvePhase.Switching);

        h.step("past the switch deadline the run asks for the original volume again, then fails");
        EvolveRun failed = h.awaitPhase(run, EvolvePhase.Failed);
        assertEquals("SwitchDeadlineExceeded", SimHarness.condition(failed, "Stalled").orElseThrow().get("reason"));
        assertEquals(EvolvePhase.SwitchingBack, failed.getStatus().getSteps().get(failed.getStatus().getSteps().size() - 1)
                .getName());
        assertNotNull(failed.getStatus().getReadOnlySeconds());
        ZeoDatabase db = h.await(EvolveFixtures.database(DB), "to serve the original volume, Ready and writable",
                d -> live.equals(d.getStatus().getActiveVolume()) && !d.getStatus().getReadOnly().getActive()
                        && "True".equals(SimHarness.condition(d, "Ready").map(c -> c.get("status")).orElse(null)));
        assertEquals(Map.of("karl", 27L, "osi", 3L), db.getStatus().getGenerations());
        assertFalse(db.getStatus().getPreviousVolumes().stream().anyMatch(p -> "run-evolved".equals(p.getName())),
                "the copy never served: it is no previous volume");
        assertNotNull(h.client().persistentVolumeClaims().inNamespace(NS).withName("run-evolved").get(),
                "the copy is kept for inspection");
        long before = h.lineage().lastWriteId();
        h.awaitThat("ZEO writes to the original again", () -> h.lineage().writesTo(NS, live).stream()
                .anyMatch(w -> w.id() > before));
    }
}
