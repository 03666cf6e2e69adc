package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.reconcile.Decision;

/** The ZeoDatabase decide steps, pure: the plan holds every write, as the objects were observed. */
class DecideStepTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");

    private static Observed observed(ZeoDatabase db, Map<String, PersistentVolumeClaim> pvcs,
            Map<String, GenericKubernetesResource> snapshots) {
        return new Observed(db, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), pvcs, snapshots,
                List.of(), List.of(), Map.of(), Optional.empty(), NOW);
    }

    private static PersistentVolumeClaim bound(PersistentVolumeClaim pvc) {
        return new PersistentVolumeClaimBuilder(pvc).withNewStatus().withPhase("Bound").endStatus().build();
    }

    /** Each intent as {@code Kind name kind-of-intent}, in plan order. */
    private static List<String> intents(Decision<?> decision) {
        List<String> all = new ArrayList<>();
        for (Intent intent : decision.plan().intents()) {
            HasMetadata object = intent instanceof Intent.Create c ? c.object()
                    : intent instanceof Intent.Ensure<?> e ? e.desired()
                    : intent instanceof Intent.Edit<?> e ? e.cached() : ((Intent.Delete) intent).object();
            all.add(intent.getClass().getSimpleName() + " " + object.getKind() + " " + object.getMetadata().getName());
        }
        return all;
    }

    @Test
    void aNewDatabaseRecordsItsVolumeAndPlansItAndTheFourWorkloadChildren() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        Decision<ZeoDatabaseStatus> decision = Decide.decide(observed(db, Map.of(), Map.of()), status,
                Duration.ofMinutes(10));

        assertEquals("prod-data-1", status.getActiveVolume(), "recorded before anything is created");
        assertEquals("Provisioning", decision.health().reason());
        assertEquals(List.of("Create PersistentVolumeClaim prod-data-1", "Ensure ConfigMap prod-zeo",
                "Ensure Deployment prod-zeo", "Ensure Service prod-zeo", "Ensure NetworkPolicy prod-zeo"),
                intents(decision));
        assertTrue(decision.recheck().isPresent());
    }

    @Test
    void retentionDeletesOnlyTheDatabasesOwnPreviousVolumesAndSaysSoBeforeTheWrite() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-3");
        List<PreviousVolume> previous = new ArrayList<>();
        for (String name : List.of("prod-data-2", "prod-data-1", "by-hand")) {
            PreviousVolume p = new PreviousVolume();
            p.setName(name);
            previous.add(p);
        }
        status.setPreviousVolumes(previous);
        Map<String, PersistentVolumeClaim> pvcs = new java.util.TreeMap<>();
        for (String name : List.of("prod-data-3", "prod-data-2", "prod-data-1")) {
            pvcs.put(name, bound(DataVolumes.of(db, name, Optional.empty())));
        }
        pvcs.put("by-hand", bound(new PersistentVolumeClaimBuilder().withNewMetadata().withName("by-hand")
                .withLabels(Map.of(Labels.DATABASE, "prod")).endMetadata().build()));

        Decision<ZeoDatabaseStatus> decision = Decide.decide(observed(db, pvcs, Map.of()), status,
                Duration.ofMinutes(10));

        assertEquals(List.of("prod-data-2"), status.getPreviousVolumes().stream().map(PreviousVolume::getName).toList());
        List<String> intents = intents(decision);
        assertEquals("Delete PersistentVolumeClaim prod-data-1", intents.get(intents.size() - 1), intents::toString);
        assertTrue(intents.stream().noneMatch(i -> i.contains("by-hand")), "no creator UID: never deleted");
        assertEquals(List.of("VolumeDeleted", "VolumeDeleted"),
                decision.events().stream().map(e -> e.reason()).toList());
    }

    @Test
    void atTheSnapshotLimitNoBackupIsTakenAndTheNonceWaitsUntilPruningMakesRoom() {
        ZeoDatabase db = DatabaseFixtures.withBackups(DatabaseFixtures.db("prod"), "0 * * * *", 2);
        db.getSpec().setSnapshots(new org.karlproject.operator.api.database.SnapshotSpec());
        db.getSpec().getSnapshots().setLimit(4);
        db.getMetadata().setAnnotations(Map.of(DatabaseObjects.BACKUP_NOW, "n9"));
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        status.setGenerations(new java.util.TreeMap<>(Map.of("karl", 27L)));
        Map<String, PersistentVolumeClaim> pvcs = Map.of("prod-data-1",
                bound(DataVolumes.of(db, "prod-data-1", Optional.empty())));
        Map<String, GenericKubernetesResource> snapshots = new java.util.TreeMap<>();
        for (int day = 1; day <= 4; day++) { // four ready on-demand backups, made on Nov 25 to 28
            String name = "prod-backup-now-" + day;
            GenericKubernetesResource s = Snapshots.of(db, name, "prod-data-1", BackupTrigger.OnDemand);
            s.getMetadata().setCreationTimestamp("2026-11-2" + (4 + day) + "T12:00:00Z");
            s.setAdditionalProperty("status", Map.of("readyToUse", true));
            snapshots.put(name, s);
        }
        Decision<ZeoDatabaseStatus> full = Decide.decide(observed(db, pvcs, snapshots), status, Duration.ofMinutes(10));
        assertTrue(intents(full).stream().noneMatch(i -> i.contains("VolumeSnapshot")), intents(full)::toString);
        assertEquals(null, status.getBackupNowNonce(), "the nonce is left for when there is room");
        assertEquals(4, status.getSnapshotCount());

        db.getSpec().getBackup().setOnDemandMaxAgeDays(2); // Nov 25, 26 are older than two days at Nov 29 10:05
        ZeoDatabaseStatus next = new ZeoDatabaseStatus();
        next.setActiveVolume("prod-data-1");
        next.setGenerations(status.getGenerations());
        Decision<ZeoDatabaseStatus> pruned = Decide.decide(observed(db, pvcs, snapshots), next, Duration.ofMinutes(10));
        List<String> intents = intents(pruned);
        assertTrue(intents.contains("Delete VolumeSnapshot prod-backup-now-1"), intents::toString);
        assertTrue(intents.contains("Delete VolumeSnapshot prod-backup-now-2"), intents::toString);
        assertTrue(intents.stream().noneMatch(i -> i.contains("prod-backup-now-3") || i.contains("prod-backup-now-4")));
        assertTrue(intents.contains("Create VolumeSnapshot prod-backup-20261129-1000"), intents::toString);
        assertTrue(intents.contains("Create VolumeSnapshot " + Snapshots.onDemandName(db, "n9")), intents::toString);
        assertEquals("n9", next.getBackupNowNonce());
        assertEquals(4, next.getSnapshotCount(), "two pruned, two taken");
    }

    @Test
    void deletionWithRetainLabelsEverythingOrphanedAndDeleteRemovesOnlyUnheldScheduledSnapshots() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        Map<String, PersistentVolumeClaim> pvcs = Map.of("prod-data-1",
                bound(DataVolumes.of(db, "prod-data-1", Optional.empty())));
        Map<String, GenericKubernetesResource> snapshots = new java.util.TreeMap<>();
        snapshots.put("prod-backup-20261129-0200", Snapshots.of(db, "prod-backup-20261129-0200", "prod-data-1",
                BackupTrigger.Scheduled));
        snapshots.put("prod-backup-now-1", Snapshots.of(db, "prod-backup-now-1", "prod-data-1", BackupTrigger.OnDemand));

        DatabaseDeletion.Outcome retain = DatabaseDeletion.decide(observed(db, pvcs, snapshots), status);
        assertTrue(retain.done());
        assertEquals(List.of("Edit PersistentVolumeClaim prod-data-1", "Edit VolumeSnapshot prod-backup-20261129-0200",
                "Edit VolumeSnapshot prod-backup-now-1"), intents(retain.decision()));
        assertEquals(List.of("DataRetained"), retain.decision().events().stream().map(e -> e.reason()).toList());

        db.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        DatabaseDeletion.Outcome delete = DatabaseDeletion.decide(observed(db, pvcs, snapshots), status);
        assertTrue(delete.done());
        assertEquals(List.of("Delete PersistentVolumeClaim prod-data-1", "Delete VolumeSnapshot prod-backup-20261129-0200"),
                intents(delete.decision()));
        assertEquals("deletionPolicy Delete: deleted volumes [prod-data-1]; kept snapshots [prod-backup-now-1]",
                delete.decision().health().message());
    }
}
