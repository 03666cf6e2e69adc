package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.SimulatedCluster;

/**
 * Storage classes with volumeBindingMode WaitForFirstConsumer (most clouds' default, and kind's): a volume
 * binds only when a pod mounts it, so nothing may wait for Bound before creating that pod.
 */
class FirstConsumerScenarioTest {
    SimHarness h;

    @BeforeEach
    void start() {
        h = SimHarness.start(EvolveFixtures.operator(EvolveSettings.DEFAULTS));
        h.cluster().volumeBinding(null, SimulatedCluster.WAIT_FOR_FIRST_CONSUMER);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void anEvolveSwitchesTheDatabaseWhenItsVolumesWaitForTheirFirstConsumer() {
        h.step("every PVC waits for its first consumer: ZEO's pod binds the live volume");
        String live = EvolveFixtures.world(h);
        h.step("the run restores a copy that binds only once the evolve Job's pod mounts it");
        EvolveRun done = h.awaitPhase(h.apply(EvolveFixtures.run("run")), EvolvePhase.Succeeded);
        assertEquals("run-evolved", h.get(EvolveFixtures.database(DB)).getStatus().getActiveVolume());
        assertTrue(h.lineage().wasMountedByEvolveJob(NS, "run-evolved"));
        assertEquals(29, h.lineage().volume(NS, "run-evolved").orElseThrow().generation("karl"));
        assertEquals(live, done.getStatus().getPreviousVolume());
    }

    @Test
    void aDatabaseAnnotatedSnapshotResultFailedFailsTheRunBeforeAnythingIsReadOnly() {
        EvolveFixtures.world(h);
        h.edit(EvolveFixtures.database(DB), d -> d.getMetadata().setAnnotations(
                Map.of("sandbox.karlproject.org/snapshot-result", "Failed")));
        EvolveRun failed = h.awaitPhase(h.apply(EvolveFixtures.run("run")), EvolvePhase.Failed);
        assertEquals("SnapshotFailed", SimHarness.condition(failed, "Stalled").orElseThrow().get("reason"));
        assertEquals(null, failed.getStatus().getReadOnlySince());
    }
}
