package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.BackupVerifySpec;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.evolve.ChildNames;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Labels;

/** Backup drills decided purely: when one is due, what it records before it creates, how it ends, what it deletes. */
class DrillsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");
    private static final String IMAGE = "registry.example/karl@sha256:" + "b".repeat(64);
    private static final String BACKUP = "prod-backup-20261129-0200";

    private static ZeoDatabase db(BackupVerifySpec verify) {
        ZeoDatabase db = DatabaseFixtures.withBackups(DatabaseFixtures.db("prod"), "0 2 * * *", 7);
        db.getSpec().getBackup().setVerify(verify);
        return db;
    }

    private static BackupVerifySpec everyNth(int n) {
        BackupVerifySpec verify = new BackupVerifySpec();
        verify.setEveryNthBackup(n);
        return verify;
    }

    private static BackupRecord ready(String name, String time) {
        BackupRecord record = new BackupRecord();
        record.setName(name);
        record.setTime(time);
        record.setTrigger(BackupTrigger.Scheduled);
        record.setState(BackupState.Ready);
        record.setGenerations(Map.of("karl", 4L));
        return record;
    }

    private static GenericKubernetesResource snapshot(ZeoDatabase db, String name) {
        GenericKubernetesResource snapshot = Snapshots.of(db, name, "prod-data-1", BackupTrigger.Scheduled);
        snapshot.getMetadata().setResourceVersion("7");
        snapshot.setAdditionalProperty("status", Map.of("readyToUse", true, "restoreSize", "2Gi"));
        return snapshot;
    }

    private static ZeoDatabaseStatus status(BackupRecord... records) {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        status.setGenerations(new java.util.TreeMap<>(Map.of("karl", 5L)));
        status.setBackups(new ArrayList<>(List.of(records)));
        return status;
    }

    private static List<KarlSite> servedBy(String release) {
        KarlSite site = DatabaseFixtures.site("acme", "prod", SiteMode.Normal);
        site.setStatus(new KarlSiteStatus());
        site.getStatus().setActiveRelease(release);
        return List.of(site);
    }

    private static Map<String, ReleaseIndex> releases() {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName("karl-3-30").withNamespace(DatabaseFixtures.NS).build());
        release.setSpec(new ReleaseIndexSpec());
        release.getSpec().setImage(IMAGE);
        return Map.of("karl-3-30", release);
    }

    private static Observed observed(ZeoDatabase db, Map<String, PersistentVolumeClaim> pvcs,
            Map<String, GenericKubernetesResource> snapshots, List<KarlSite> sites, Map<String, Job> jobs, List<Pod> pods,
            Instant now) {
        return new Observed(db, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), pvcs, snapshots,
                List.of(), sites, releases(), Optional.empty(), now, Optional.empty(), jobs, pods, Map.of(), List.of());
    }

    /** The drill's first step: the backup's snapshot is ready, a site serves release karl-3-30 on the database. */
    private static Drills.Result start(ZeoDatabase db, ZeoDatabaseStatus status) {
        return Drills.plan(observed(db, Map.of(), Map.of(BACKUP, snapshot(db, BACKUP)), servedBy("karl-3-30"),
                Map.of(), List.of(), NOW), status);
    }

    /** Each intent as {@code Kind-of-intent Kind name}, in plan order. */
    private static List<String> intents(Drills.Result result) {
        List<String> all = new ArrayList<>();
        for (Intent intent : result.plan().intents()) {
            var object = intent instanceof Intent.Create c ? c.object() : intent instanceof Intent.Delete d ? d.object()
                    : ((Intent.DeleteScratch) intent).pvc();
            all.add(intent.getClass().getSimpleName() + " " + object.getKind() + " " + object.getMetadata().getName());
        }
        return all;
    }

    @Test
    void aScheduledDrillIsDueOncePerCronTimeAndAnEveryNthDrillAfterNNewerBackups() {
        BackupVerifySpec weekly = new BackupVerifySpec();
        weekly.setSchedule("0 4 * * 0"); // Sundays 04:00; 2026-11-29 is a Sunday
        ZeoDatabase db = db(weekly);
        ZeoDatabaseStatus status = status();
        assertEquals(Optional.of("schedule 2026-11-29T04:00:00Z"), Drills.due(db, status, weekly, NOW));
        DrillStatus done = new DrillStatus();
        done.setDue("schedule 2026-11-29T04:00:00Z");
        done.setStarted("2026-11-29T04:00:00Z");
        status.setDrill(done);
        assertEquals(Optional.empty(), Drills.due(db, status, weekly, NOW), "that cron time was drilled");

        BackupVerifySpec third = everyNth(3);
        ZeoDatabase nth = db(third);
        ZeoDatabaseStatus backups = status(ready("b-1", "2026-11-27T02:00:00Z"));
        assertTrue(Drills.due(nth, backups, third, NOW).isPresent(), "the first drill: as soon as one backup is ready");
        DrillStatus last = new DrillStatus();
        last.setStarted("2026-11-27T02:05:00Z");
        backups.setDrill(last);
        backups.getBackups().add(ready("b-2", "2026-11-28T02:00:00Z"));
        backups.getBackups().add(ready("b-3", "2026-11-29T02:00:00Z"));
        assertEquals(Optional.empty(), Drills.due(nth, backups, third, NOW), "two newer backups of three");
        backups.getBackups().add(ready("b-4", "2026-11-30T02:00:00Z"));
        assertTrue(Drills.due(nth, backups, third, NOW.plus(Duration.ofDays(1))).isPresent(), "the third newer one");
    }

    @Test
    void aDrillIsRecordedBeforeItsScratchVolumeAndVerifyJobAreCreated() {
        ZeoDatabase db = db(everyNth(1));
        ZeoDatabaseStatus status = status(ready(BACKUP, "2026-11-29T02:00:00Z"));
        Drills.Result result = start(db, status);

        DrillStatus drill = status.getDrill();
        assertEquals(DrillResult.Running, drill.getResult());
        assertEquals(BACKUP, drill.getBackup());
        assertEquals(Map.of("karl", 4L), drill.getGenerations(), "the backup's generations, not the database's now");
        assertEquals(List.of("Create PersistentVolumeClaim " + drill.getScratchVolume(), "Create Job " + drill.getJob()),
                intents(result));
        PersistentVolumeClaim scratch = (PersistentVolumeClaim) ((Intent.Create) result.plan().intents().get(0)).object();
        assertEquals(drill.getId(), scratch.getMetadata().getLabels().get(Labels.DRILL));
        assertEquals("uid-prod", Labels.ownerUid(scratch));
        assertEquals(BACKUP, scratch.getSpec().getDataSource().getName());
        assertEquals("2Gi", scratch.getSpec().getResources().getRequests().get("storage").toString(),
                "at least the snapshot's restoreSize");
        assertTrue(scratch.getMetadata().getOwnerReferences().isEmpty(), "data carries no ownerReference");
        Job job = (Job) ((Intent.Create) result.plan().intents().get(1)).object();
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals(IMAGE, pod.getContainers().get(0).getImage(), "the release image a site serves on the database");
        assertEquals(List.of("verify"), pod.getContainers().get(0).getCommand());
        assertEquals(drill.getScratchVolume(), pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertTrue(pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly(), "mounted read-only");
        assertEquals(ChildNames.VERIFY_CHECK, job.getSpec().getTemplate().getMetadata().getLabels().get(ChildNames.CHECK_LABEL));
        assertFalse(job.getSpec().getTemplate().getMetadata().getLabels().get(Labels.NAME).equals(DatabaseObjects.APP),
                "ZEO's Service selector never picks the drill's pod");
        assertEquals("uid-prod", job.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(3600L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals("NotVerifiedYet", DrillCondition.decide(Drills.verify(db), status, NOW).reason());
    }

    @Test
    void withoutAReleaseImageOrAReadyScheduledBackupNoDrillStarts() {
        ZeoDatabase db = db(everyNth(1));
        ZeoDatabaseStatus status = status(ready(BACKUP, "2026-11-29T02:00:00Z"));
        Drills.Result noSite = Drills.plan(observed(db, Map.of(), Map.of(BACKUP, snapshot(db, BACKUP)), List.of(),
                Map.of(), List.of(), NOW), status);
        assertTrue(noSite.plan().isEmpty());
        assertNull(status.getDrill());
        Drills.Result noSnapshot = Drills.plan(observed(db, Map.of(), Map.of(), servedBy("karl-3-30"), Map.of(),
                List.of(), NOW), status);
        assertTrue(noSnapshot.plan().isEmpty(), "a record whose snapshot is gone is not drilled");
    }

    @Test
    void aPassedVerifyMarksTheRecordAndDeletesTheScratchVolumeAndJobOnly() {
        ZeoDatabase db = db(everyNth(1));
        ZeoDatabaseStatus status = status(ready(BACKUP, "2026-11-29T02:00:00Z"));
        Drills.Result started = start(db, status);
        DrillStatus drill = status.getDrill();
        PersistentVolumeClaim scratch = bound((PersistentVolumeClaim) ((Intent.Create) started.plan().intents().get(0)).object());
        Job job = complete((Job) ((Intent.Create) started.plan().intents().get(1)).object());
        Pod pod = pod(job, "{\"checks\":[{\"name\":\"storage\",\"passed\":true},{\"name\":\"references\",\"passed\":true}],"
                + "\"lastTransaction\":\"00000000000000a1\"}");
        PersistentVolumeClaim live = bound(DataVolumes.of(db, "prod-data-1", Optional.empty()));
        live.getMetadata().setResourceVersion("3");

        Drills.Result ended = Drills.plan(observed(db, Map.of("prod-data-1", live, scratch.getMetadata().getName(), scratch),
                Map.of(BACKUP, snapshot(db, BACKUP)), servedBy("karl-3-30"), Map.of(job.getMetadata().getName(), job),
                List.of(pod), NOW.plusSeconds(60)), status);

        assertEquals(DrillResult.Passed, drill.getResult());
        BackupRecord record = status.getBackups().get(0);
        assertEquals(Boolean.TRUE, record.getVerified());
        assertEquals(NOW.plusSeconds(60).toString(), record.getVerifiedAt());
        assertEquals(List.of("storage", "references"), record.getChecks().stream().map(c -> c.getName()).toList());
        assertEquals(BACKUP, status.getLastVerifiedBackup().getName());
        assertEquals(List.of("DeleteScratch PersistentVolumeClaim " + drill.getScratchVolume(), "Delete Job " + drill.getJob()),
                intents(ended), "never the live volume, never the snapshot");
        assertEquals("BackupVerified", ended.notes().get(0).reason());
    }

    @Test
    void aSnapshotThatDisappearsBeforeTheRestoreFailsTheDrillAndOnlyItsScratchVolumeGoes() {
        ZeoDatabase db = db(everyNth(1));
        ZeoDatabaseStatus status = status(ready(BACKUP, "2026-11-29T02:00:00Z"));
        Drills.Result started = start(db, status);
        PersistentVolumeClaim pending = (PersistentVolumeClaim) ((Intent.Create) started.plan().intents().get(0)).object();
        pending.getMetadata().setResourceVersion("9");
        Job job = (Job) ((Intent.Create) started.plan().intents().get(1)).object();
        PersistentVolumeClaim foreign = DataVolumes.of(db, "someone-elses-drill", Optional.empty());
        foreign.getMetadata().setResourceVersion("4");
        foreign.getMetadata().getLabels().put(Labels.DRILL, "x");
        foreign.getMetadata().getLabels().put(Labels.OWNER_UID, "uid-other");

        Drills.Result ended = Drills.plan(observed(db, Map.of(pending.getMetadata().getName(), pending,
                "someone-elses-drill", foreign), Map.of(), servedBy("karl-3-30"), Map.of(job.getMetadata().getName(), job),
                List.of(), NOW.plusSeconds(30)), status);

        assertEquals(DrillResult.Failed, status.getDrill().getResult());
        assertEquals("SnapshotGone", status.getDrill().getReason());
        assertEquals(Boolean.FALSE, status.getBackups().get(0).getVerified());
        assertEquals(List.of("DeleteScratch PersistentVolumeClaim " + pending.getMetadata().getName()), intents(ended),
                "the failed drill's Job stays for its log; another creator's scratch volume is not touched");
        assertEquals("DrillFailed", DrillCondition.decide(Drills.verify(db), status, NOW).reason());
    }

    @Test
    void theConditionGoesFalseOnceTheNewestVerifiedBackupIsOlderThanMaxAgeAndSaysWhenToLookAgain() {
        BackupVerifySpec verify = everyNth(1);
        verify.setMaxAgeHours(24);
        ZeoDatabaseStatus status = status();
        BackupRecord verified = ready(BACKUP, "2026-11-29T02:00:00Z");
        verified.setVerified(true);
        verified.setVerifiedAt("2026-11-29T02:10:00Z");
        status.setLastVerifiedBackup(verified);

        DrillCondition.Verdict fresh = DrillCondition.decide(Optional.of(verify), status, NOW);
        assertEquals(Optional.of(true), fresh.on());
        assertEquals(Optional.of(Duration.ofHours(16).minusMinutes(5).plusSeconds(1)), fresh.agesIn());
        DrillCondition.Verdict old = DrillCondition.decide(Optional.of(verify), status,
                Instant.parse("2026-11-30T02:00:00Z"));
        assertEquals(Optional.of(false), old.on());
        assertEquals("VerifiedBackupTooOld", old.reason());
        assertEquals(Optional.empty(), DrillCondition.decide(Optional.empty(), status, NOW).on(), "no drills: no condition");
    }

    private static PersistentVolumeClaim bound(PersistentVolumeClaim pvc) {
        PersistentVolumeClaim bound = new PersistentVolumeClaimBuilder(pvc).withNewStatus().withPhase("Bound").endStatus().build();
        bound.getMetadata().setResourceVersion("12");
        bound.getMetadata().setLabels(new HashMap<>(bound.getMetadata().getLabels()));
        return bound;
    }

    private static Job complete(Job job) {
        return new JobBuilder(job).editMetadata().withUid("job-uid").endMetadata().withNewStatus()
                .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime(NOW.plusSeconds(50).toString())
                .endCondition().endStatus().build();
    }

    private static Pod pod(Job job, String message) {
        return new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x")
                .addNewOwnerReference().withUid("job-uid").withKind("Job").withName(job.getMetadata().getName())
                .withController(true).endOwnerReference().endMetadata()
                .withNewStatus().addNewContainerStatus().withNewState().withNewTerminated().withExitCode(0)
                .withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
    }
}
