package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.NS;
import static org.karlproject.operator.sim.Fixtures.evolveJob;
import static org.karlproject.operator.sim.Fixtures.pvc;
import static org.karlproject.operator.sim.Fixtures.restoredPvc;
import static org.karlproject.operator.sim.Fixtures.zeoDatabase;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;

/** The lineage model, driven by the tiny ZEO reconciler: the shape of the EvolveRun scenarios to come. */
class LineageTest {
    private final SimHarness h = SimHarness.start(() -> List.of(new TinyZeoReconciler()));

    @AfterEach
    void shutDown() {
        h.close();
    }

    private void awaitSnapshotReady(String name) {
        Await.until("snapshot " + name + " ready", Duration.ofSeconds(10), () -> VolumeSnapshots
                .readyToUse(VolumeSnapshots.of(h.client()).inNamespace(NS).withName(name).get()));
    }

    private void takeSnapshot(String name, String pvc) {
        VolumeSnapshots.of(h.client()).resource(VolumeSnapshots.of(NS, name, pvc, "csi")).create();
        awaitSnapshotReady(name);
    }

    @Test
    void writesSnapshotsRestoresAndEvolveFollowTheData() {
        h.step("a writable ZEO serves prod-data and writes to it");
        ZeoDatabase db = h.apply(zeoDatabase("prod", false));
        h.awaitCondition(db, "Ready", "True");
        h.awaitThat("some writes", () -> h.lineage().writesTo(NS, "prod-data").size() >= 3);
        assertEquals(NS + "/prod-data", h.lineage().volume(NS, "prod-data").orElseThrow().identity());

        h.step("a snapshot captures the content at that moment; later writes are not in it");
        takeSnapshot("base", "prod-data");
        VolumeContent base = h.lineage().snapshot(NS, "base").orElseThrow();
        h.awaitThat("writes after the snapshot", () -> h.lineage().volume(NS, "prod-data").orElseThrow()
                .lastWrite() > base.lastWrite());

        h.step("read-only: ZEO restarts with read-only true and stops writing");
        h.apply(zeoDatabase("prod", true));
        h.awaitThat("ZEO read-only", () -> h.cluster().zeoServers().values().stream().anyMatch(ZeoServer::readOnly));
        long atReadOnly = h.lineage().lastWriteId();
        java.time.Instant readOnlySince = java.time.Instant.now();
        takeSnapshot("final", "prod-data");

        h.step("restore the final snapshot and evolve the copy");
        h.apply(restoredPvc("prod-evolved", "1Gi", "final"));
        h.await(pvc("prod-evolved", "1Gi"), "Bound", p -> p.getStatus() != null && "Bound".equals(p.getStatus()
                .getPhase()));
        Job evolve = h.apply(evolveJob("evolve-29", "prod-evolved", "karl=29,osi=3"));
        h.awaitCondition(evolve, "Complete", "True");

        VolumeContent copy = h.lineage().volume(NS, "prod-evolved").orElseThrow();
        VolumeContent live = h.lineage().volume(NS, "prod-data").orElseThrow();
        assertEquals(Map.of("karl", 29L, "osi", 3L), copy.generations());
        assertEquals(Map.of(), live.generations(), "the live volume is not evolved");
        assertEquals(live.identity(), copy.identity(), "the copy descends from the live database");
        assertTrue(h.lineage().holdsAllWrites(NS, "prod-data", atReadOnly, "prod-evolved"),
                () -> "missing " + h.lineage().missingWrites(NS, "prod-data", atReadOnly, "prod-evolved"));
        assertTrue(h.lineage().holdsAllWritesBefore(NS, "prod-data", readOnlySince, "prod-evolved"));
        assertFalse(h.lineage().holdsAllWritesBefore(NS, "prod-data", readOnlySince, "prod-data-base-copy"));
        assertTrue(h.lineage().snapshot(NS, "base").orElseThrow().lastWrite() < atReadOnly,
                "the base snapshot misses the writes made after it");
        assertFalse(h.lineage().holdsAllWrites(NS, "prod-data", atReadOnly, "prod-data-base-copy"),
                "an unknown volume holds nothing");
        assertEquals(java.util.Set.of(NS + "/prod-evolved"), h.lineage().volumesMountedByEvolveJobs());
        assertFalse(h.lineage().wasMountedByEvolveJob(NS, "prod-data"));
        assertEquals("karl=29,osi=3", h.cluster().jobRun(NS, "evolve-29").orElseThrow()
                .envValue(EvolveJobContract.TARGETS_ENV).orElseThrow());
    }

    @Test
    void aFailedEvolveJobLeavesGenerationsUnchangedButCountsAsAMount() {
        h.cluster().failJobs(JobMatcher.matching().label(EvolveJobContract.LABEL, "evolve-bad"));
        h.apply(pvc("copy", "1Gi"));
        h.await(pvc("copy", "1Gi"), "Bound", p -> p.getStatus() != null && "Bound".equals(p.getStatus().getPhase()));
        Job evolve = h.apply(evolveJob("evolve-bad", "copy", "karl=30"));
        h.awaitCondition(evolve, "Failed", "True");
        assertEquals(0L, h.lineage().volume(NS, "copy").orElseThrow().generation("karl"));
        assertTrue(h.lineage().wasMountedByEvolveJob(NS, "copy"));
    }

    @Test
    void aReadOnlyZeoMakesNoWrites() {
        ZeoDatabase db = h.apply(zeoDatabase("ro", true));
        h.awaitCondition(db, "Ready", "True");
        h.awaitThat("ZEO running read-only", () -> h.cluster().zeoServers().values().stream()
                .anyMatch(ZeoServer::readOnly));
        long before = h.lineage().lastWriteId();
        long ticks = h.cluster().zeoTicks();
        h.awaitThat("three more ZEO ticks", () -> h.cluster().zeoTicks() >= ticks + 3);
        assertEquals(before, h.lineage().lastWriteId());
        assertTrue(h.lineage().writesTo(NS, "ro-data").isEmpty());
    }

    @Test
    void theTargetsEnvRoundTrips() {
        assertEquals("karl=29,osi=3", EvolveJobContract.formatTargets(Map.of("osi", 3L, "karl", 29L)));
        assertEquals(Map.of("karl", 29L, "osi", 3L), EvolveJobContract.parseTargets(" karl=29, osi=3 "));
        assertTrue(EvolveJobContract.parseTargets("").isEmpty());
    }
}
