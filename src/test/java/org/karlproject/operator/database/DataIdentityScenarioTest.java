package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.Lineage;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.VolumeContent;

/**
 * Invariant 3 for databases: a ZeoDatabase uses, and deletes, only the data it made (its UID on the PVC
 * or snapshot) or adopted by a switch. A re-created database of the same name takes over nothing of its
 * predecessor's; and the final snapshot of a deletion is consistent.
 */
class DataIdentityScenarioTest extends DatabaseScenario {

    @Test
    void aRecreatedDatabaseAdoptsNoneOfItsPredecessorsVolumesAndDeletesNoneOfThem() {
        h.step("acme (deletionPolicy Retain) runs and takes writes; it is deleted: its volume is retained");
        ZeoDatabase first = ready(policy(fresh("acme"), DeletionPolicy.Retain));
        String firstUid = h.get(first).getMetadata().getUid();
        h.awaitThat("writes", () -> h.lineage().writesTo(NS, "acme-data-1").size() >= 2);
        h.cluster().garbageCollection(true); // its ZEO Deployment goes with it, as on a real cluster
        h.client().resource(h.get(first)).delete();
        h.awaitDeleted(first);
        h.awaitThat("the old ZEO Deployment garbage-collected", () -> deployment("acme") == null);
        // its simulated ZEO server stops a moment after its Deployment goes: wait, so that a mount seen below is
        // the new database's
        h.awaitThat("the old ZEO server stopped", () -> h.cluster().zeoServers().values().stream()
                .noneMatch(z -> z.volume().equals(NS + "/acme-data-1")));
        assertEquals(firstUid, pvc("acme-data-1").getMetadata().getLabels().get(Labels.OWNER_UID));

        h.step("a new acme (deletionPolicy Delete) is created: a new UID; the retained volume is not its own");
        ZeoDatabase second = h.apply(policy(fresh("acme"), DeletionPolicy.Delete));
        assertNotEquals(firstUid, second.getMetadata().getUid(), "the API server gives a re-created object a new UID");
        ZeoDatabase stalled = h.awaitCondition(second, "Stalled", "True");
        Map<String, Object> condition = SimHarness.condition(stalled, "Stalled").orElseThrow();
        assertEquals("NameTaken", condition.get("reason"), condition::toString);
        assertTrue(String.valueOf(condition.get("message")).contains("PersistentVolumeClaim acme-data-1"));
        assertNull(stalled.getStatus().getActiveVolume());
        assertTrue(h.cluster().zeoServers().values().stream().noneMatch(z -> z.volume().equals(NS + "/acme-data-1"))
                && deployment("acme") == null, "no ZEO mounts the predecessor's data");

        h.step("the new acme is deleted with deletionPolicy Delete: the predecessor's volume stays");
        h.client().resource(h.get(second)).delete();
        h.awaitDeleted(second);
        assertNotNull(pvc("acme-data-1"));
        assertEquals("true", pvc("acme-data-1").getMetadata().getLabels().get(DatabaseObjects.ORPHANED));
    }

    @Test
    void aRecreatedCloneRestoresNothingFromItsPredecessorsSeed() {
        h.step("staging is cloned from prod (retained on deletion), then deleted; ops delete its old volume only");
        ready(fresh("prod"));
        ZeoDatabase staging = ready(from(policy(fresh("staging"), DeletionPolicy.Retain), "prod"));
        h.client().resource(h.get(staging)).delete();
        h.awaitDeleted(staging);
        h.client().resource(pvc("staging-data-1")).delete();
        h.awaitThat("staging-data-1 gone", () -> pvc("staging-data-1") == null);
        assertNotNull(snapshots().inNamespace(NS).withName("staging-seed").get(), "the old seed snapshot stays");

        h.step("staging is created again from prod: the old seed is not its own; it copies nothing");
        ZeoDatabase again = h.apply(from(fresh("staging"), "prod"));
        ZeoDatabase stalled = h.awaitCondition(again, "Stalled", "True");
        Map<String, Object> condition = SimHarness.condition(stalled, "Stalled").orElseThrow();
        assertEquals("NameTaken", condition.get("reason"), condition::toString);
        assertTrue(String.valueOf(condition.get("message")).contains("VolumeSnapshot staging-seed"));
        assertNull(pvc("staging-data-1"), "no volume restored from the old seed");
        assertTrue(stalled.getStatus().getGenerations().isEmpty(), "no generations copied from the source");
    }

    @Test
    void theFinalSnapshotIsCutReadOnlyAndHoldsEveryCommittedWrite() {
        Lineage lineage = h.lineage();
        ZeoDatabase db = ready(policy(fresh("snap"), DeletionPolicy.Snapshot));
        awaitZeo("snap", "snap-data-1", false);
        h.awaitThat("ZEO writes", () -> lineage.writesTo(NS, "snap-data-1").size() >= 2);

        h.step("the database is deleted: ZEO goes read-only, then the final snapshot is cut, then the volume goes");
        h.client().resource(h.get(db)).delete();
        h.awaitDeleted(db);
        h.awaitThat("snap-data-1 deleted", () -> pvc("snap-data-1") == null);
        VolumeContent last = lineage.snapshot(NS, "snap-final").orElseThrow();
        List<Lineage.Write> missing = lineage.writesTo(NS, "snap-data-1").stream()
                .filter(w -> !last.contains(w.id())).toList();
        assertEquals(List.of(), missing, "writes made after the final snapshot was cut: lost");
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
