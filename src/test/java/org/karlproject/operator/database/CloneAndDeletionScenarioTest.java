package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.VolumeContent;

class CloneAndDeletionScenarioTest extends DatabaseScenario {

    @Test
    void stagingIsClonedFromProductionWhichStaysUntouchedAndReseededOncePerNonce() {
        h.step("production runs and takes writes");
        ZeoDatabase prod = ready(fresh("prod"));
        editStatus(prod, d -> d.getStatus().setGenerations(DatabaseFixtures.generations(27)));
        h.awaitThat("production has writes", () -> h.lineage().writesTo(NS, "prod-data-1").size() >= 3);

        h.step("staging is created from production");
        ZeoDatabase staging = ready(from(fresh("staging"), "prod"));
        assertEquals("staging-data-1", status(staging).getActiveVolume());
        assertEquals(DatabaseFixtures.generations(27), status(staging).getGenerations(), "inherits the generations");
        awaitZeo("staging", "staging-data-1", false);

        h.step("the copy equals production at snapshot time; production was never mounted by staging");
        VolumeContent seed = h.lineage().snapshot(NS, "staging-seed").orElseThrow();
        VolumeContent copy = h.lineage().volume(NS, "staging-data-1").orElseThrow();
        assertEquals(NS + "/prod-data-1", copy.identity());
        assertTrue(copy.writes().containsAll(seed.writes()));
        List<Long> prodWritesInCopy = h.lineage().writesTo(NS, "prod-data-1").stream()
                .map(w -> w.id()).filter(copy::contains).toList();
        assertEquals(List.copyOf(seed.writes()), prodWritesInCopy, "no production write after the snapshot");
        VolumeContent source = h.lineage().volume(NS, "prod-data-1").orElseThrow();
        assertTrue(h.lineage().writesTo(NS, "staging-data-1").stream().noneMatch(w -> source.contains(w.id())),
                "staging's writes never reach production");
        awaitZeo("prod", "prod-data-1", false);

        h.step("reseed with nonce r1: a new volume from a fresh copy; the old one is retained");
        long mark = h.lineage().lastWriteId();
        annotate(staging, DatabaseObjects.RESEED, "r1");
        String reseeded = DatabaseObjects.volumeFor(staging, "r1");
        ZeoDatabase after = h.await(staging, "serving the reseeded volume",
                d -> reseeded.equals(d.getStatus().getActiveVolume()));
        assertEquals("staging-data-1", after.getStatus().getPreviousVolumes().get(0).getName());
        assertEquals("Reseed r1", after.getStatus().getPreviousVolumes().get(0).getReason());
        assertTrue(h.lineage().holdsAllWrites(NS, "prod-data-1", mark, reseeded), "the fresh copy is newer");
        awaitZeo("staging", reseeded, false);
        h.awaitThat("ReseedStarted and VolumeSwitched events", () -> eventReasons("staging")
                .containsAll(List.of("ReseedStarted", "VolumeSwitched")));

        h.step("the same nonce again does nothing");
        annotate(staging, "test/poke", "1");
        h.awaitCondition(staging, "Ready", "True");
        assertEquals(1, h.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("staging-data-") && !p.getMetadata().getName()
                        .equals("staging-data-1")).count());
    }

    @Test
    void aMissingSourceIsStalledAndCreatesNothing() {
        ZeoDatabase staging = h.apply(from(fresh("staging"), "nope"));
        ZeoDatabase stalled = h.awaitCondition(staging, "Stalled", "True");
        assertEquals("SourceNotFound", SimHarness.condition(stalled, "Stalled").orElseThrow().get("reason"));
        assertNull(pvc("staging-data-1"));
        assertTrue(snapshotNames().isEmpty());

        ZeoDatabase fromSnapshot = fresh("restored");
        SourceSpec source = new SourceSpec();
        source.setVolumeSnapshot("missing-snapshot");
        fromSnapshot.getSpec().setSource(source);
        h.apply(fromSnapshot);
        assertEquals("SourceNotFound", SimHarness.condition(h.awaitCondition(fromSnapshot, "Stalled", "True"),
                "Stalled").orElseThrow().get("reason"));
        assertNull(pvc("restored-data-1"));
    }

    @Test
    void eachDeletionPolicyKeepsWhatItPromises() {
        ZeoDatabase retain = ready(policy(fresh("retain"), DeletionPolicy.Retain));
        ZeoDatabase snapshot = ready(policy(fresh("snap"), DeletionPolicy.Snapshot));
        ZeoDatabase delete = ready(policy(fresh("gone"), DeletionPolicy.Delete));
        annotate(delete, DatabaseObjects.BACKUP_NOW, "keep-me");
        h.awaitThat("on-demand backup", () -> snapshotNames().contains(Snapshots.onDemandName(delete, "keep-me")));

        h.step("all three are deleted");
        h.client().resource(h.get(retain)).delete();
        h.client().resource(h.get(snapshot)).delete();
        h.client().resource(h.get(delete)).delete();
        h.awaitDeleted(retain);
        h.awaitDeleted(snapshot);
        h.awaitDeleted(delete);

        h.step("Retain: the volume stays, labelled orphaned");
        assertEquals("true", pvc("retain-data-1").getMetadata().getLabels().get(DatabaseObjects.ORPHANED));
        h.step("Snapshot: a ready final snapshot, and the volume is gone");
        assertTrue(CsiSnapshots.ready(snapshots().inNamespace(NS).withName("snap-final").get()));
        h.awaitThat("snap-data-1 deleted", () -> pvc("snap-data-1") == null);
        h.step("Delete: the volume is gone; the on-demand backup is not a scheduled one and stays");
        h.awaitThat("gone-data-1 deleted", () -> pvc("gone-data-1") == null);
        assertNotNull(snapshots().inNamespace(NS).withName(Snapshots.onDemandName(delete, "keep-me")).get());
        assertFalse(eventReasons("retain").isEmpty());
    }

    private static ZeoDatabase from(ZeoDatabase db, String database) {
        SourceSpec source = new SourceSpec();
        source.setDatabase(database);
        db.getSpec().setSource(source);
        return db;
    }

    private static ZeoDatabase policy(ZeoDatabase db, DeletionPolicy policy) {
        db.getSpec().setDeletionPolicy(policy);
        return db;
    }
}
