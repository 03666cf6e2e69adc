package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.Optional;
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
        ZeoDatabase staging = ready(clonedFromProd("staging"));
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

    /**
     * A reseed snapshot is released once a newer one exists, unless a volume still restores from it; that
     * volume may be anyone's (here a user's, with no labels), not only the database's own: the database's
     * view of the namespace's PVCs must include the ones restoring from its snapshots.
     */
    @Test
    void aReseedSnapshotThatAnyVolumeStillRestoresFromIsNotReleased() {
        h.cluster().volumeBinding("on-demand", SimulatedCluster.WAIT_FOR_FIRST_CONSUMER);
        h.step("staging, cloned from prod, is reseeded (r1)");
        ready(fresh("prod"));
        ZeoDatabase staging = ready(clonedFromProd("staging"));
        annotate(staging, DatabaseObjects.RESEED, "r1");
        String r1 = DatabaseObjects.volumeFor(staging, "r1");
        h.await(staging, "serving r1", d -> r1.equals(d.getStatus().getActiveVolume()));
        String seed = Snapshots.sourceName(staging, Optional.of("r1"));
        assertNotNull(snapshots().inNamespace(NS).withName(seed).get());

        h.step("a user restores a volume of their own from r1's snapshot; it waits for a consumer");
        h.client().persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("inspect-r1").withNamespace(NS).endMetadata()
                .withNewSpec().withStorageClassName("on-demand").withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .withNewDataSource().withApiGroup("snapshot.storage.k8s.io").withKind("VolumeSnapshot").withName(seed)
                .endDataSource().endSpec().build()).create();

        h.step("reseed r2: a newer reseed snapshot; r1's stays while the user's volume restores from it");
        annotate(staging, DatabaseObjects.RESEED, "r2");
        String r2 = DatabaseObjects.volumeFor(staging, "r2");
        h.await(staging, "serving r2, Ready", d -> r2.equals(d.getStatus().getActiveVolume()) && "True".equals(
                org.karlproject.operator.sim.SimHarness.condition(d, "Ready").map(c -> c.get("status")).orElse(null)));
        pokeAndAwaitReconcile(staging, "after-r2");
        assertTrue(!DataVolumes.bound(pvc("inspect-r1")), "no consumer: still restoring");
        assertNotNull(snapshots().inNamespace(NS).withName(seed).get(), "not released while a volume restores from it");

        h.step("the user deletes that volume: the snapshot is released at the database's next reconcile");
        h.client().resource(pvc("inspect-r1")).delete();
        h.awaitThat("the user's volume gone", () -> pvc("inspect-r1") == null);
        pokeAndAwaitReconcile(staging, "after-delete");
        h.awaitThat("r1's snapshot released", () -> snapshots().inNamespace(NS).withName(seed).get() == null);
    }

    private static ZeoDatabase clonedFromProd(String name) {
        ZeoDatabase db = fresh(name);
        SourceSpec source = new SourceSpec();
        source.setDatabase("prod");
        db.getSpec().setSource(source);
        return db;
    }
}
