package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;

/** Which volumes a database may delete (retention, deletionPolicy Delete): only those made for it. */
class DeletableVolumesTest {

    private static PersistentVolumeClaim pvc(String name, Map<String, String> labels) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .build();
    }

    @Test
    void onlyVolumesTheOperatorMadeForThisDatabaseAreDeletable() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        db.getMetadata().setUid("db-uid");
        Map<String, PersistentVolumeClaim> pvcs = Map.of(
                "prod-data-1", pvc("prod-data-1", Map.of(Labels.OWNER_UID, "db-uid")),
                "run-evolved", pvc("run-evolved", Map.of(Labels.OWNER_UID, "run-uid", Labels.DATABASE, "prod")),
                "made-by-hand", pvc("made-by-hand", Map.of(Labels.DATABASE, "prod")),
                "others-copy", pvc("others-copy", Map.of(Labels.OWNER_UID, "run-uid", Labels.DATABASE, "staging")),
                "predecessors", pvc("predecessors", Map.of(Labels.OWNER_UID, "old-db-uid")));
        Observed o = new Observed(db, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), pvcs,
                Map.of(), List.of(), List.of(), Map.of(), Optional.empty(), Instant.EPOCH);

        assertTrue(o.deletableVolume("prod-data-1").isPresent(), "its own (its UID)");
        assertTrue(o.deletableVolume("run-evolved").isPresent(), "an evolve run's copy made for it");
        assertEquals(Optional.empty(), o.deletableVolume("made-by-hand"), "no creator UID: someone else's");
        assertEquals(Optional.empty(), o.deletableVolume("others-copy"), "another database's copy");
        assertEquals(Optional.empty(), o.deletableVolume("predecessors"), "a deleted database of the same name");
        assertEquals(Optional.empty(), o.deletableVolume("absent"));
    }
}
