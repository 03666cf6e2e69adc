package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackSpec;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.evolve.ChildNames;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Labels;

/** Packs decided purely: when one is due, what holds it back, snapshot before Job, how it ends, what is pruned. */
class PackTest {
    /** Sunday 2026-11-29, 03:00 is the pack time; five minutes later. */
    private static final Instant NOW = Instant.parse("2026-11-29T03:05:00Z");
    private static final Duration SNAPSHOT_DEADLINE = Duration.ofMinutes(30);
    private static final String SNAPSHOT = "prod-pack-20261129-0300";
    private static final String JOB = "prod-pack-20261129-0300";

    private static ZeoDatabase db() {
        ZeoDatabase db = DatabaseFixtures.db("prod");
        PackSpec pack = new PackSpec();
        pack.setSchedule("0 3 * * 0");
        pack.setDaysToKeep(3);
        db.getSpec().setPack(pack);
        return db;
    }

    private static ZeoDatabaseStatus status() {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        return status;
    }

    private static Observed observed(ZeoDatabase db, Map<String, GenericKubernetesResource> snapshots,
            List<EvolveRun> runs, Map<String, Job> jobs, List<Pod> pods, Instant now) {
        return new Observed(db, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                snapshots, runs, List.of(), Map.of(), Optional.empty(), now, Optional.empty(), Map.of(), List.of(), jobs,
                pods);
    }

    private static Observed observed(ZeoDatabase db, Map<String, GenericKubernetesResource> snapshots,
            Map<String, Job> jobs, List<Pod> pods, Instant now) {
        return observed(db, snapshots, List.of(), jobs, pods, now);
    }

    private static GenericKubernetesResource snapshot(ZeoDatabase db, String name, Map<String, Object> state) {
        GenericKubernetesResource snapshot = Snapshots.of(db, name, "prod-data-1", BackupTrigger.Pack);
        snapshot.getMetadata().setResourceVersion("7");
        snapshot.setAdditionalProperty("status", state);
        return snapshot;
    }

    private static Map<String, Object> ready() {
        return Map.of("readyToUse", true, "restoreSize", "2Gi");
    }

    /** Each intent as {@code Kind-of-intent Kind name}, in plan order. */
    private static List<String> intents(Pack.Result result) {
        List<String> all = new ArrayList<>();
        for (Intent intent : result.plan().intents()) {
            HasMetadata object = intent instanceof Intent.Create c ? c.object() : ((Intent.Delete) intent).object();
            all.add(intent.getClass().getSimpleName() + " " + object.getKind() + " " + object.getMetadata().getName());
        }
        return all;
    }

    /** The pack started and its snapshot ready: the Job is created. */
    private static ZeoDatabaseStatus withJob(ZeoDatabase db) {
        ZeoDatabaseStatus status = status();
        Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10, SNAPSHOT_DEADLINE);
        Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(), NOW.plusSeconds(30)),
                status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(NOW.plusSeconds(30).toString(), status.getPack().getJobStarted());
        return status;
    }

    private static Job finished(ZeoDatabase db, String type, String reason) {
        return new JobBuilder(Pack.job(db, packFor(db))).editMetadata().withUid("job-uid").endMetadata().withNewStatus()
                .addNewCondition().withType(type).withStatus("True").withReason(reason)
                .withLastTransitionTime(NOW.plusSeconds(90).toString()).endCondition().endStatus().build();
    }

    private static PackStatus packFor(ZeoDatabase db) {
        PackStatus pack = new PackStatus();
        pack.setJob(JOB);
        return pack;
    }

    private static Pod pod(String message) {
        return new PodBuilder().withNewMetadata().withName(JOB + "-x").addNewOwnerReference().withUid("job-uid")
                .withKind("Job").withName(JOB).withController(true).endOwnerReference().endMetadata()
                .withNewStatus().addNewContainerStatus().withNewState().withNewTerminated().withExitCode(0)
                .withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void aDuePackIsRecordedAndTakesItsSnapshotFirstNoJobYet() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.Result result = Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10,
                SNAPSHOT_DEADLINE);
        assertEquals(List.of("Create VolumeSnapshot " + SNAPSHOT), intents(result));
        assertEquals(1, result.snapshotsCreated());
        PackStatus pack = status.getPack();
        assertEquals("2026-11-29T03:00:00Z", pack.getId());
        assertEquals(PackResult.Running, pack.getResult());
        assertEquals(SNAPSHOT, pack.getSnapshot());
        assertNull(pack.getJobStarted());
        GenericKubernetesResource snapshot = (GenericKubernetesResource) ((Intent.Create) result.plan().intents().get(0))
                .object();
        assertEquals("Pack", snapshot.getMetadata().getLabels().get(DatabaseObjects.BACKUP));
        // the snapshot not ready yet: nothing more, the same status
        Pack.Result pending = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, Map.of("readyToUse", false))),
                Map.of(), List.of(), NOW.plusSeconds(10)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(pending));
        assertEquals(PackResult.Running, status.getPack().getResult());
    }

    @Test
    void theLatestTimeIsPackedOnceAndNotAgainBeforeTheNext() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.Result before = Pack.plan(observed(db, Map.of(), Map.of(), List.of(), Instant.parse("2026-11-22T02:59:00Z")
                .plus(Duration.ofDays(7))), status, true, 10, SNAPSHOT_DEADLINE);
        // 2026-11-29 02:59: the latest time (Nov 22 03:00) is after the database's creation, so due once
        assertEquals("2026-11-22T03:00:00Z", status.getPack().getId());
        assertEquals(1, intents(before).size());
        status.getPack().setResult(PackResult.Succeeded);
        Pack.Result same = Pack.plan(observed(db, Map.of(), Map.of(), List.of(), Instant.parse("2026-11-29T02:59:30Z")),
                status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(same));
        assertEquals(PackResult.Succeeded, status.getPack().getResult());
        assertTrue(same.recheck().isPresent() && same.recheck().get().compareTo(Duration.ofMinutes(1)) <= 0,
                "it looks again at the next time: " + same.recheck());
    }

    @Test
    void aPackWaitsUnrecordedDuringAReadOnlyHoldAnEvolveOrAtTheSnapshotLimit() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        // a read-only hold (or a workload not rolled out, or an unbound volume): not writable
        assertEquals(List.of(), intents(Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, false, 10,
                SNAPSHOT_DEADLINE)));
        assertNull(status.getPack());
        // an evolve run of this database past Pending
        List<EvolveRun> evolving = List.of(DatabaseFixtures.run("r1", "prod", EvolvePhase.BaseSnapshot, false));
        assertEquals(List.of(), intents(Pack.plan(observed(db, Map.of(), evolving, Map.of(), List.of(), NOW), status,
                true, 10, SNAPSHOT_DEADLINE)));
        assertNull(status.getPack());
        // at the snapshot limit
        assertEquals(List.of(), intents(Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 0,
                SNAPSHOT_DEADLINE)));
        assertNull(status.getPack());
        // a pending run, a finished one and another database's run do not hold it back
        List<EvolveRun> others = List.of(DatabaseFixtures.run("r2", "prod", EvolvePhase.Pending, false),
                DatabaseFixtures.run("r3", "prod", EvolvePhase.Succeeded, false),
                DatabaseFixtures.run("r4", "staging", EvolvePhase.Evolving, false));
        assertEquals(1, intents(Pack.plan(observed(db, Map.of(), others, Map.of(), List.of(), NOW), status, true, 1,
                SNAPSHOT_DEADLINE)).size());
        assertEquals(PackResult.Running, status.getPack().getResult());
    }

    @Test
    void onceTheSnapshotIsReadyTheJobPacksTheLiveServerAndTheSizesAreRecorded() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10, SNAPSHOT_DEADLINE);
        Pack.Result job = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(),
                NOW.plusSeconds(30)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of("Create Job " + JOB), intents(job));
        Job created = (Job) ((Intent.Create) job.plan().intents().get(0)).object();
        var container = created.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("zeo", "pack", "--days", "3"), container.getCommand());
        assertEquals(DatabaseFixtures.ZEO_IMAGE, container.getImage());
        assertEquals(3600L, created.getSpec().getActiveDeadlineSeconds());
        assertEquals(ZeoCheckJobs.APP, created.getMetadata().getLabels().get("app.kubernetes.io/name"));
        assertEquals(Pack.CHECK, created.getMetadata().getLabels().get(ChildNames.CHECK_LABEL));
        // the Job completes with its sizes: Succeeded, the duration from the Job's creation, the Job deleted
        Job done = finished(db, "Complete", "Completed");
        Pack.Result end = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(JOB, done),
                List.of(pod("{\"sizeBefore\":40964,\"sizeAfter\":24580}")), NOW.plusSeconds(130)), status, true, 10,
                SNAPSHOT_DEADLINE);
        PackStatus pack = status.getPack();
        assertEquals(PackResult.Succeeded, pack.getResult());
        assertEquals(40964L, pack.getSizeBeforeBytes());
        assertEquals(24580L, pack.getSizeAfterBytes());
        assertEquals(100L, pack.getDurationSeconds());
        assertEquals(NOW.plusSeconds(130).toString(), pack.getFinished());
        assertEquals(List.of("Delete Job " + JOB), intents(end));
        // later: nothing more until the next time
        Pack.Result later = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(),
                NOW.plusSeconds(600)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(later));
    }

    @Test
    void aFailedJobIsRecordedFailedWithItsReasonAndNotRetried() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = withJob(db);
        // the database went read-only while the Job ran: a read-only ZEO refuses to pack, the Job fails
        Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())),
                Map.of(JOB, finished(db, "Failed", "BackoffLimitExceeded")), List.of(), NOW.plusSeconds(130)), status,
                false, 10, SNAPSHOT_DEADLINE);
        PackStatus pack = status.getPack();
        assertEquals(PackResult.Failed, pack.getResult());
        assertEquals("JobFailed", pack.getReason());
        assertTrue(pack.getMessage().contains("BackoffLimitExceeded") && pack.getMessage().contains("read-only"),
                pack.getMessage());
        // the failed Job stays (its log); no new pack for the same time
        Pack.Result later = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())),
                Map.of(JOB, finished(db, "Failed", "BackoffLimitExceeded")), List.of(), NOW.plusSeconds(600)), status,
                true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(later));
        assertEquals(PackResult.Failed, status.getPack().getResult());
    }

    @Test
    void aJobPastItsDeadlineOrWithoutSizesFails() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = withJob(db);
        Job running = new JobBuilder(Pack.job(db, packFor(db))).editMetadata().withUid("job-uid").endMetadata().build();
        Pack.plan(observed(db, Map.of(), Map.of(JOB, running), List.of(), NOW.plusSeconds(30 + 3600 + 60)), status, true,
                10, SNAPSHOT_DEADLINE);
        assertEquals(PackResult.Running, status.getPack().getResult());
        Pack.plan(observed(db, Map.of(), Map.of(JOB, running), List.of(), NOW.plusSeconds(30 + 3600 + 121)), status, true,
                10, SNAPSHOT_DEADLINE);
        assertEquals(PackResult.Failed, status.getPack().getResult());
        assertEquals("DeadlineExceeded", status.getPack().getReason());

        ZeoDatabaseStatus other = withJob(db);
        Pack.plan(observed(db, Map.of(), Map.of(JOB, finished(db, "Complete", "Completed")),
                List.of(pod("{\"lastTransaction\":\"00000000000000ff\"}")), NOW.plusSeconds(130)), other, true, 10,
                SNAPSHOT_DEADLINE);
        assertEquals(PackResult.Failed, other.getPack().getResult());
        assertEquals("NoResult", other.getPack().getReason());
    }

    @Test
    void aRecordedJobMissingFromTheCacheIsCreatedAgainUntilTheDeadline() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = withJob(db);
        Pack.Result again = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(),
                NOW.plusSeconds(60)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of("Create Job " + JOB), intents(again));
        assertEquals(NOW.plusSeconds(30).toString(), status.getPack().getJobStarted(), "the duration counts from the first");
        Pack.Result late = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(),
                NOW.plusSeconds(30 + 3600 + 121)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(late));
        assertEquals("DeadlineExceeded", status.getPack().getReason());
    }

    @Test
    void aHoldThatComesBeforeTheJobEndsThePackWithoutAJob() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10, SNAPSHOT_DEADLINE);
        Pack.Result held = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(), List.of(),
                NOW.plusSeconds(30)), status, false, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(held));
        assertEquals(PackResult.Failed, status.getPack().getResult());
        assertEquals("ReadOnly", status.getPack().getReason());
    }

    @Test
    void aPackWhoseSpecWasRemovedBeforeItsJobEndsWithoutAJob() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10, SNAPSHOT_DEADLINE);
        db.getSpec().setPack(null);
        Pack.Result removed = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, ready())), Map.of(),
                List.of(), NOW.plusSeconds(30)), status, true, 10, SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(removed), "no Job, and the pre-pack snapshot is kept (no pruning without spec.pack)");
        assertEquals(PackResult.Failed, status.getPack().getResult());
        assertEquals("PackRemoved", status.getPack().getReason());
    }

    @Test
    void aFailedSnapshotFailsThePackWithoutAJob() {
        ZeoDatabase db = db();
        ZeoDatabaseStatus status = status();
        Pack.plan(observed(db, Map.of(), Map.of(), List.of(), NOW), status, true, 10, SNAPSHOT_DEADLINE);
        Pack.Result failed = Pack.plan(observed(db, Map.of(SNAPSHOT, snapshot(db, SNAPSHOT, Map.of("readyToUse", false,
                "error", Map.of("message", "no space")))), Map.of(), List.of(), NOW.plusSeconds(30)), status, true, 10,
                SNAPSHOT_DEADLINE);
        assertEquals(List.of(), intents(failed));
        assertEquals(PackResult.Failed, status.getPack().getResult());
        assertEquals("SnapshotFailed", status.getPack().getReason());
    }

    @Test
    void prePackSnapshotsBeyondKeepSnapshotsArePrunedNeverAHeldOne() {
        ZeoDatabase db = db();
        db.getSpec().getPack().setKeepSnapshots(1);
        Map<String, GenericKubernetesResource> snapshots = new HashMap<>();
        for (String name : List.of("prod-pack-20261108-0300", "prod-pack-20261115-0300", "prod-pack-20261122-0300")) {
            snapshots.put(name, snapshot(db, name, ready()));
        }
        snapshots.get("prod-pack-20261108-0300").getMetadata().getLabels().put(Labels.HELD_BY, "acme");
        ZeoDatabaseStatus status = status();
        PackStatus last = new PackStatus();
        last.setId("2026-11-29T03:00:00Z");
        last.setResult(PackResult.Succeeded);
        status.setPack(last);
        Pack.Result result = Pack.plan(observed(db, snapshots, Map.of(), List.of(), NOW), status, true, 10,
                SNAPSHOT_DEADLINE);
        assertEquals(List.of("Delete VolumeSnapshot prod-pack-20261115-0300"), intents(result));
        assertEquals(1, result.snapshotsDeleted());
    }
}
