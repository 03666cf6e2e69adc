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
    void deletionWithSnapshotCutsOnlyBetweenTwoLastTransactionChecksAndRetainsWhenTheyDiffer() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        db.getSpec().setDeletionPolicy(DeletionPolicy.Snapshot);
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        Map<String, PersistentVolumeClaim> pvcs = Map.of("prod-data-1",
                bound(DataVolumes.of(db, "prod-data-1", Optional.empty())));
        // ZEO runs read-only, rolled out
        var zeo = ZeoDeployment.of(db, "prod-data-1", ZeoConf.render(db, true), true);
        zeo.getMetadata().setAnnotations(Map.of(org.karlproject.operator.k8s.ChildWriter.HASH,
                org.karlproject.operator.k8s.ContentHash.of(zeo.getSpec())));
        zeo.getMetadata().setGeneration(2L);
        zeo.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(2L)
                .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
        Map<String, io.fabric8.kubernetes.api.model.batch.v1.Job> jobs = new java.util.TreeMap<>();
        List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>();
        Map<String, GenericKubernetesResource> snapshots = new java.util.TreeMap<>();
        java.util.function.Supplier<Observed> observe = () -> new Observed(db, Optional.of(zeo), Optional.empty(),
                Optional.empty(), Optional.empty(), pvcs, snapshots, List.of(), List.of(), Map.of(), Optional.empty(),
                NOW, Optional.empty(), Map.of(), List.of(), jobs, pods);

        // first the check before the cut, not the snapshot
        DatabaseDeletion.Outcome asking = DatabaseDeletion.decide(observe.get(), status);
        assertTrue(!asking.done());
        assertTrue(intents(asking.decision()).contains("Create Job prod-final-check-before"),
                intents(asking.decision())::toString);
        assertTrue(intents(asking.decision()).stream().noneMatch(i -> i.contains("VolumeSnapshot")));
        var before = ZeoCheckJobs.lastTransaction(db, "prod-final-check-before");
        assertEquals(ZeoCheckJobs.APP, before.getSpec().getTemplate().getMetadata().getLabels()
                .get(Labels.NAME), "never the ZEO selector's app name");
        assertEquals(List.of("zeo", "last-transaction"),
                before.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
        finished(jobs, pods, before, "{\"lastTransaction\":\"00000000000000a1\"}");

        // its answer recorded, the snapshot is cut
        DatabaseDeletion.Outcome cutting = DatabaseDeletion.decide(observe.get(), status);
        assertEquals("00000000000000a1", status.getFinalCheck().getLastTransactionBefore());
        assertTrue(intents(cutting.decision()).contains("Create VolumeSnapshot prod-final"),
                intents(cutting.decision())::toString);
        GenericKubernetesResource cut = Snapshots.of(db, "prod-final", "prod-data-1", BackupTrigger.Final);
        cut.setAdditionalProperty("status", Map.of("readyToUse", true));
        snapshots.put("prod-final", cut);

        // the snapshot ready: the check after, and the volumes wait for it
        DatabaseDeletion.Outcome after = DatabaseDeletion.decide(observe.get(), status);
        assertTrue(!after.done());
        assertEquals(List.of("Create Job prod-final-check-after"), intents(after.decision()));
        finished(jobs, pods, ZeoCheckJobs.lastTransaction(db, "prod-final-check-after"),
                "{\"lastTransaction\":\"00000000000000a7\"}");

        // a different answer: everything is retained, and the status and a warning say why
        DatabaseDeletion.Outcome differ = DatabaseDeletion.decide(observe.get(), status);
        assertTrue(differ.done());
        assertTrue(intents(differ.decision()).stream().noneMatch(i -> i.startsWith("Delete")),
                intents(differ.decision())::toString);
        assertEquals(List.of(FinalCheck.WRITES_AFTER, "DataRetained"),
                differ.decision().events().stream().map(e -> e.reason()).toList());
        assertEquals(Boolean.FALSE, status.getFinalCheck().getPassed());
        assertTrue(status.getFinalCheck().getMessage().contains("00000000000000a7"), status.getFinalCheck().getMessage());

        // the same answer: the volume goes
        status.getFinalCheck().setPassed(null);
        status.getFinalCheck().setLastTransactionAfter(null);
        finished(jobs, pods, ZeoCheckJobs.lastTransaction(db, "prod-final-check-after"),
                "{\"lastTransaction\":\"00000000000000a1\"}");
        DatabaseDeletion.Outcome equal = DatabaseDeletion.decide(observe.get(), status);
        assertTrue(equal.done());
        assertEquals(List.of("Delete PersistentVolumeClaim prod-data-1"), intents(equal.decision()));
        assertEquals(Boolean.TRUE, status.getFinalCheck().getPassed());
    }

    @Test
    void aDataRestoreSwitchesOnlyOnceTheReadOnlyServerSaidWhichTransactionsItDiscards() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("evolve-1-restored");
        PreviousVolume retained = new PreviousVolume();
        retained.setName("prod-data-1");
        retained.setReason("EvolveRun evolve-1");
        retained.setRetiredAt("2026-11-29T09:00:00Z");
        status.setPreviousVolumes(new ArrayList<>(List.of(retained)));
        status.setReadOnly(new org.karlproject.operator.api.database.ReadOnlyStatus());
        var run = DatabaseFixtures.run("evolve-1", "prod", org.karlproject.operator.api.evolve.EvolvePhase.Succeeded, false);
        var evidence = new org.karlproject.operator.api.evolve.TransactionEvidence();
        evidence.setLiveLastTransaction("00000000000000a1");
        run.getStatus().setEvidence(evidence);
        var site = DatabaseFixtures.site("acme", "prod", org.karlproject.operator.api.site.SiteMode.Normal);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        var request = new org.karlproject.operator.api.site.DataRestoreRequest();
        request.setVolume("prod-data-1");
        request.setRelease("karl-3-30");
        request.setRequestedAt("2026-11-29T10:00:00Z");
        site.getStatus().setDataRestore(request);
        Map<String, PersistentVolumeClaim> pvcs = new java.util.TreeMap<>();
        for (String name : List.of("evolve-1-restored", "prod-data-1")) {
            pvcs.put(name, bound(DataVolumes.of(db, name, Optional.empty())));
        }
        var zeo = ZeoDeployment.of(db, "evolve-1-restored", ZeoConf.render(db, true), true);
        Map<String, io.fabric8.kubernetes.api.model.batch.v1.Job> jobs = new java.util.TreeMap<>();
        List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>();
        java.util.function.Supplier<Observed> observe = () -> new Observed(db, Optional.of(zeo), Optional.empty(),
                Optional.empty(), Optional.empty(), pvcs, Map.of(), List.of(run), List.of(site), Map.of(),
                Optional.empty(), NOW, Optional.empty(), Map.of(), List.of(), jobs, pods);

        // writable still: no question, no switch
        Decide.decide(observe.get(), status, Duration.ofMinutes(10));
        assertEquals("evolve-1-restored", status.getActiveVolume());
        assertEquals(null, status.getRollbackDiscard());

        // read-only: the check Job, still no switch
        status.getReadOnly().setActive(true);
        Decision<ZeoDatabaseStatus> asking = Decide.decide(observe.get(), status, Duration.ofMinutes(10));
        assertEquals("evolve-1-restored", status.getActiveVolume());
        String job = intents(asking).stream().filter(i -> i.startsWith("Create Job prod-restore-check-")).findFirst()
                .orElseThrow(() -> new AssertionError(intents(asking))).substring("Create Job ".length());
        assertEquals(Duration.ofSeconds(2), asking.recheck().orElseThrow());

        // its answer: the discarded range recorded and told, then the switch
        finished(jobs, pods, ZeoCheckJobs.lastTransaction(db, job), "{\"lastTransaction\":\"00000000000000c3\"}");
        Decision<ZeoDatabaseStatus> switched = Decide.decide(observe.get(), status, Duration.ofMinutes(10));
        assertEquals("prod-data-1", status.getActiveVolume());
        var discard = status.getRollbackDiscard();
        assertEquals("00000000000000a1", discard.getAfterTransaction(), "from the evolve run's evidence");
        assertEquals("00000000000000c3", discard.getUpToTransaction());
        assertEquals("evolve-1-restored", discard.getDiscardedVolume());
        assertTrue(discard.getMessage().contains("after 00000000000000a1") && discard.getMessage().contains(
                "up to 00000000000000c3"), discard.getMessage());
        assertEquals(List.of(RestoreCheck.DISCARDS, "VolumeSwitched"), switched.events().stream()
                .map(e -> e.reason()).filter(r -> !r.equals("VolumeDeleted")).toList());
    }

    /** The Job as Complete, with one pod it controls that terminated with {@code message}. */
    private static void finished(Map<String, io.fabric8.kubernetes.api.model.batch.v1.Job> jobs,
            List<io.fabric8.kubernetes.api.model.Pod> pods, io.fabric8.kubernetes.api.model.batch.v1.Job job,
            String message) {
        String uid = "uid-" + job.getMetadata().getName() + "-" + pods.size();
        job.getMetadata().setUid(uid);
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().addNewCondition()
                .withType("Complete").withStatus("True").endCondition().build());
        jobs.put(job.getMetadata().getName(), job);
        pods.removeIf(p -> p.getMetadata().getName().equals(job.getMetadata().getName()));
        pods.add(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(job.getMetadata().getName())
                .addNewOwnerReference().withUid(uid).withKind("Job").withName(job.getMetadata().getName()).endOwnerReference()
                .endMetadata().withNewStatus().addNewContainerStatus().withNewState().withNewTerminated()
                .withExitCode(0).withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build());
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
