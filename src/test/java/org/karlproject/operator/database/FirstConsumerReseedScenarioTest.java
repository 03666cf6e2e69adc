package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.sim.SimulatedCluster;

/** A reseed on a WaitForFirstConsumer storage class: the new volume binds only once ZEO's pod mounts it. */
class FirstConsumerReseedScenarioTest extends DatabaseScenario {

    @Test
    void aReseedSwitchesToAVolumeThatWaitsForZeoAsItsFirstConsumer() {
        h.cluster().volumeBinding(null, SimulatedCluster.WAIT_FOR_FIRST_CONSUMER);
        h.step("prod and its clone staging run: ZEO's pods are their volumes' first consumers");
        ready(fresh("prod"));
        ZeoDatabase staging = fresh("staging");
        SourceSpec source = new SourceSpec();
        source.setDatabase("prod");
        staging.getSpec().setSource(source);
        staging = ready(staging);
        h.awaitThat("prod has writes", () -> h.lineage().writesTo(NS, "prod-data-1").size() >= 2);

        h.step("reseed r1: the fresh copy stays Pending (no consumer) once its snapshot is ready");
        long mark = h.lineage().lastWriteId();
        annotate(staging, DatabaseObjects.RESEED, "r1");
        String reseeded = DatabaseObjects.volumeFor(staging, "r1");
        h.awaitThat("the reseed snapshot is ready", () -> snapshots().inNamespace(NS).list().getItems().stream()
                .anyMatch(s -> s.getMetadata().getName().startsWith("staging-reseed") && CsiSnapshots.ready(s)));
        h.awaitThat("the reseeded volume exists", () -> pvc(reseeded) != null);
        assertTrue(!DataVolumes.bound(pvc(reseeded)), "no consumer: Pending");

        h.step("past the first-consumer grace the database switches; ZEO's pod binds the volume");
        moveClockTo(staging, Instant.now().plus(Provisioning.FIRST_CONSUMER_GRACE).plusSeconds(5).toString());
        ZeoDatabase after = h.await(staging, "serving the reseeded volume, Ready",
                d -> reseeded.equals(d.getStatus().getActiveVolume()) && "True".equals(
                        org.karlproject.operator.sim.SimHarness.condition(d, "Ready").map(c -> c.get("status")).orElse(null)));
        assertEquals("staging-data-1", after.getStatus().getPreviousVolumes().get(0).getName());
        assertTrue(DataVolumes.bound(pvc(reseeded)));
        assertTrue(h.lineage().holdsAllWrites(NS, "prod-data-1", mark, reseeded), "the fresh copy is newer");
        awaitZeo("staging", reseeded, false);
    }
}
