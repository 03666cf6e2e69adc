package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.NS;
import static org.karlproject.operator.sim.Fixtures.pvc;
import static org.karlproject.operator.sim.Fixtures.restoredPvc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorageSimulatorTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    private PersistentVolumeClaim awaitBound(PersistentVolumeClaim pvc) {
        return h.await(pvc, "to be Bound", p -> p.getStatus() != null && "Bound".equals(p.getStatus().getPhase()));
    }

    private GenericKubernetesResource snapshot(String name, String pvc) {
        return VolumeSnapshots.of(h.client()).resource(VolumeSnapshots.of(NS, name, pvc, "csi-snapclass")).create();
    }

    private GenericKubernetesResource awaitSnapshot(String name, java.util.function.Predicate<GenericKubernetesResource> p) {
        return Await.value("snapshot " + name, Duration.ofSeconds(10), () -> java.util.Optional
                .ofNullable(VolumeSnapshots.of(h.client()).inNamespace(NS).withName(name).get()).filter(p).orElse(null));
    }

    @Test
    void aPvcBindsWithTheCapacityItRequested() {
        PersistentVolumeClaim bound = awaitBound(h.apply(pvc("data", "5Gi")));
        assertEquals(new Quantity("5Gi"), bound.getStatus().getCapacity().get("storage"));
        assertTrue(h.lineage().volume(NS, "data").isPresent());
    }

    @Test
    void aRecreatedPvcStartsWithFreshContent() {
        awaitBound(h.apply(pvc("data", "1Gi")));
        h.lineage().write(NS + "/data", java.time.Instant.now());
        assertEquals(1, h.lineage().volume(NS, "data").orElseThrow().writes().size());
        h.client().resource(pvc("data", "1Gi")).delete();
        h.awaitDeleted(pvc("data", "1Gi"));
        h.awaitThat("content gone", () -> h.lineage().volume(NS, "data").isEmpty());
        awaitBound(h.apply(pvc("data", "1Gi")));
        assertTrue(h.lineage().volume(NS, "data").orElseThrow().writes().isEmpty());
    }

    @Test
    void aSnapshotBecomesReadyWithRestoreSizeAndContent() {
        awaitBound(h.apply(pvc("data", "5Gi")));
        snapshot("snap", "data");
        GenericKubernetesResource ready = awaitSnapshot("snap", VolumeSnapshots::readyToUse);
        assertEquals("5Gi", VolumeSnapshots.restoreSize(ready).orElseThrow());
        assertNotNull(ready.get("status", "creationTime"));
        assertNotNull(ready.get("status", "boundVolumeSnapshotContentName"));
    }

    @Test
    void aRestoredPvcBindsOnlyOnceItsSnapshotIsReady() {
        h.cluster().snapshotsReadyAfter(Duration.ofMillis(1500));
        awaitBound(h.apply(pvc("data", "5Gi")));
        h.apply(restoredPvc("copy", "5Gi", "snap"));
        snapshot("snap", "data");
        h.await(pvc("copy", "5Gi"), "seen", p -> true);
        assertFalse(VolumeSnapshots.readyToUse(VolumeSnapshots.of(h.client()).inNamespace(NS).withName("snap").get()));
        assertEquals(null, h.get(pvc("copy", "5Gi")).getStatus() == null ? null : h.get(pvc("copy", "5Gi"))
                .getStatus().getPhase(), "not bound before the snapshot is ready");
        awaitBound(pvc("copy", "5Gi"));
        assertTrue(VolumeSnapshots.readyToUse(VolumeSnapshots.of(h.client()).inNamespace(NS).withName("snap").get()));
    }

    @Test
    void aRestoredPvcSmallerThanTheRestoreSizeStaysPending() {
        awaitBound(h.apply(pvc("data", "5Gi")));
        snapshot("snap", "data");
        awaitSnapshot("snap", VolumeSnapshots::readyToUse);
        h.apply(restoredPvc("small", "1Gi", "snap"));
        awaitBound(h.apply(restoredPvc("big", "10Gi", "snap")));
        PersistentVolumeClaim small = h.get(pvc("small", "1Gi"));
        assertTrue(small.getStatus() == null || !"Bound".equals(small.getStatus().getPhase()));
    }

    @Test
    void thePendingKnobHoldsAPvcUntilLifted() {
        h.cluster().keepPending("stuck");
        h.apply(pvc("stuck", "1Gi"));
        awaitBound(h.apply(pvc("other", "1Gi")));
        assertTrue(h.get(pvc("stuck", "1Gi")).getStatus() == null
                || !"Bound".equals(h.get(pvc("stuck", "1Gi")).getStatus().getPhase()));
        h.cluster().bindPendingPvcs();
        awaitBound(pvc("stuck", "1Gi"));
    }

    @Test
    void theSnapshotErrorKnobReportsStatusError() {
        h.cluster().failSnapshot("bad");
        awaitBound(h.apply(pvc("data", "1Gi")));
        snapshot("bad", "data");
        GenericKubernetesResource failed = awaitSnapshot("bad", s -> VolumeSnapshots.errorMessage(s).isPresent());
        assertFalse(VolumeSnapshots.readyToUse(failed));
        assertTrue(h.lineage().snapshot(NS, "bad").isEmpty());
    }
}
