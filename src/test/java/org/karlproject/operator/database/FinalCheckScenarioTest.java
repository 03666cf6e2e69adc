package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.CsiSnapshots;

/**
 * The last-transaction check around the final snapshot at deletion ({@link FinalCheck}) on the simulated
 * cluster: its lineage gives each volume's and snapshot's last write, and the sandbox knob
 * {@code write-after-final} plays a writer that ignores read-only.
 */
class FinalCheckScenarioTest extends DatabaseScenario {

    @Test
    void equalTransactionsBeforeAndAfterTheCutLetTheVolumesGoAndTheSnapshotHoldsEveryWrite() {
        ZeoDatabase db = snapshotPolicy(fresh("snap"));
        ready(db);
        h.awaitThat("ZEO has written", () -> !h.lineage().writesTo(NS, "snap-data-1").isEmpty());

        h.step("deleted: read-only, the check before the cut, the snapshot, the check after, then the volume goes");
        h.client().resource(h.get(db)).delete();
        h.awaitThat("the check before the cut answered",
                () -> h.get(db) == null || h.get(db).getStatus().getFinalCheck() != null
                        && h.get(db).getStatus().getFinalCheck().getLastTransactionBefore() != null);
        h.awaitDeleted(db);
        h.awaitThat("snap-data-1 deleted", () -> pvc("snap-data-1") == null);
        assertTrue(CsiSnapshots.ready(snapshots().inNamespace(NS).withName("snap-final").get()));
        long last = h.lineage().writesTo(NS, "snap-data-1").stream().mapToLong(w -> w.id()).max().orElseThrow();
        assertEquals(last, h.lineage().snapshot(NS, "snap-final").orElseThrow().lastWrite(),
                "the final snapshot holds the last write the volume ever had");
        assertTrue(eventReasons("snap").contains("DataDeleted"), eventReasons("snap")::toString);
    }

    @Test
    void aWriteAfterTheCutKeepsEveryVolumeAndSaysWhy() {
        ZeoDatabase db = snapshotPolicy(fresh("leaky"));
        Map<String, String> annotations = new HashMap<>();
        annotations.put("sandbox.karlproject.org/write-after-final", "true"); // a writer that ignores read-only
        db.getMetadata().setAnnotations(annotations);
        ready(db);

        h.step("deleted: ZEO goes read-only, yet its writer goes on: the transactions before and after the cut differ");
        h.client().resource(h.get(db)).delete();
        h.awaitDeleted(db);
        h.awaitThat("a WritesAfterFinalSnapshot warning", () -> eventReasons("leaky").contains(FinalCheck.WRITES_AFTER));
        assertNotNull(pvc("leaky-data-1"), "the volume is retained");
        assertEquals("true", pvc("leaky-data-1").getMetadata().getLabels().get(DatabaseObjects.ORPHANED));
        assertTrue(eventReasons("leaky").contains("DataRetained"), eventReasons("leaky")::toString);
        long snapshotLast = h.lineage().snapshot(NS, "leaky-final").orElseThrow().lastWrite();
        assertTrue(h.lineage().writesTo(NS, "leaky-data-1").stream().anyMatch(w -> w.id() > snapshotLast),
                "the lineage agrees: the volume holds writes the final snapshot misses");
    }

    private static ZeoDatabase snapshotPolicy(ZeoDatabase db) {
        db.getSpec().setDeletionPolicy(DeletionPolicy.Snapshot);
        return db;
    }
}
