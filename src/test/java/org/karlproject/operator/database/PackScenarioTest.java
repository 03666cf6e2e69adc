package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackSpec;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.CheckJobContract;

/**
 * Packs on the simulated cluster: at the schedule's time a pre-pack snapshot of the served volume, then a
 * {@code zeo pack} Job against the live server (its sizes from the lineage), the result in status; then quiet.
 */
class PackScenarioTest extends DatabaseScenario {

    @Test
    void aPackRunsOnScheduleAfterItsSnapshotRecordsTheSizesAndThenWritesNothing() {
        h.step("a database packs daily at a time two hours after its creation, keeping 3 days of history");
        ZeoDatabase db = ready(fresh("prod"));
        String volume = db.getStatus().getActiveVolume();
        h.awaitThat("ZEO has written a few transactions", () -> h.lineage().writesTo(NS, volume).size() >= 3);
        long mark = h.requests().mark();
        Instant packAt = packDaily(db, d -> d.getSpec().getPack().setDaysToKeep(3));
        pokeAndAwaitReconcile(db, "before the pack's time");
        assertEquals(null, h.get(db).getStatus().getPack(), "no pack before its time");

        h.step("at the pack's time: a pre-pack snapshot, then the zeo pack Job; the sizes in status");
        moveClockTo(db, packAt.plus(1, ChronoUnit.MINUTES).toString());
        ZeoDatabase packed = h.await(db, "the pack succeeded", d -> pack(d).map(p -> p.getResult() == PackResult.Succeeded)
                .orElse(false));
        PackStatus pack = pack(packed).orElseThrow();
        assertEquals(packAt.toString(), pack.getId());
        assertEquals(Snapshots.packName(db, packAt), pack.getSnapshot());
        long before = pack.getSizeBeforeBytes();
        long after = pack.getSizeAfterBytes();
        assertTrue(before > after && after > 0, "packed smaller: " + before + " -> " + after);
        long transactions = (before - CheckJobContract.size(0)) / CheckJobContract.BYTES_PER_TRANSACTION;
        assertTrue(transactions >= 3 && CheckJobContract.size((int) transactions) == before,
                "the size before is the served volume's transactions': " + before);
        assertTrue(after >= CheckJobContract.size(1), "the last transaction is kept whole: " + after);
        assertNotNull(pack.getDurationSeconds());
        assertTrue(eventReasons("prod").containsAll(List.of("PackStarted", "Packed")));

        var run = h.cluster().jobRun(NS, pack.getJob()).orElseThrow();
        assertEquals(List.of("zeo", "pack", "--days", "3"), run.command());
        assertEquals(DatabaseFixtures.ZEO_IMAGE, run.image());
        assertEquals(List.of(), run.claims(), "the pack Job mounts no volume: it talks to the live server");
        GenericKubernetesResource snapshot = h.client().genericKubernetesResources(CsiSnapshots.GVK.getGroup() + "/v1",
                CsiSnapshots.KIND).inNamespace(NS).withName(pack.getSnapshot()).get();
        assertNotNull(snapshot, "the pre-pack snapshot is kept");
        assertEquals("Pack", snapshot.getMetadata().getLabels().get(DatabaseObjects.BACKUP));
        assertEquals(volume, CsiSnapshots.sourcePvc(snapshot).orElseThrow());
        List<ApiRequest> creates = h.requests().snapshot().since(mark).from("karl-operator").verb("create")
                .filter(r -> r.status() < 300).list();
        long snapshotAt = creates.stream().filter(r -> "volumesnapshots".equals(r.resource())
                && pack.getSnapshot().equals(r.name())).findFirst().orElseThrow().sequence();
        long jobAt = creates.stream().filter(r -> "jobs".equals(r.resource()) && pack.getJob().equals(r.name()))
                .findFirst().orElseThrow().sequence();
        assertTrue(snapshotAt < jobAt, "the snapshot is created before the Job");
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> pack.getJob().equals(r.name())).count());
        h.awaitThat("the succeeded pack's Job is deleted",
                () -> h.client().batch().v1().jobs().inNamespace(NS).withName(pack.getJob()).get() == null);
        h.assertInvariantsHeld();

        h.step("a packed database reconciles without a write, and no second pack for the same time");
        pokeAndAwaitReconcile(db, "settled");
        long quiet = h.requests().mark();
        pokeAndAwaitReconcile(db, "again");
        assertEquals(0, h.requests().snapshot().since(quiet).from("karl-operator").writes()
                .filter(r -> !"events".equals(r.resource())).count(), "no write after the pack ended");
        assertEquals(pack.getFinished(), pack(h.get(db)).orElseThrow().getFinished());
    }

    @Test
    void aPackWaitsOutAReadOnlyHoldThenRunsAndAFailingPackIsRecordedWithoutARetry() {
        h.step("a database packs daily two hours after its creation; it is read-only (spec.readOnly) at that time");
        ZeoDatabase db = ready(fresh("prod"));
        Instant packAt = packDaily(db, d -> d.getSpec().setReadOnly(true));
        h.await(db, "read-only", d -> d.getStatus().getReadOnly() != null
                && Boolean.TRUE.equals(d.getStatus().getReadOnly().getActive()));
        moveClockTo(db, packAt.plus(1, ChronoUnit.MINUTES).toString());
        pokeAndAwaitReconcile(db, "during the hold");
        assertEquals(null, h.get(db).getStatus().getPack(), "no pack while read-only");
        assertTrue(snapshotNames().stream().noneMatch(n -> n.contains("-pack-")), "no pre-pack snapshot either");

        h.step("the hold ends: ZEO serves writable again and the pack for that time runs (the catch-up)");
        editSpec(db, d -> d.getSpec().setReadOnly(false));
        ZeoDatabase packed = h.await(db, "the pack succeeded", d -> pack(d).map(p -> p.getResult() == PackResult.Succeeded)
                .orElse(false));
        assertEquals(packAt.toString(), pack(packed).orElseThrow().getId());

        h.step("the next day's pack fails (sandbox knob): Failed, JobFailed, its Job kept, no retry for that time");
        annotate(db, "sandbox.karlproject.org/pack-result", "Failed");
        Instant next = packAt.plus(1, ChronoUnit.DAYS);
        moveClockTo(db, next.plus(1, ChronoUnit.MINUTES).toString());
        ZeoDatabase failed = h.await(db, "the second pack failed", d -> pack(d).map(p -> p.getId().equals(next.toString())
                && p.getResult() == PackResult.Failed).orElse(false));
        PackStatus pack = pack(failed).orElseThrow();
        assertEquals("JobFailed", pack.getReason());
        assertTrue(pack.getMessage().contains("BackoffLimitExceeded"), pack.getMessage());
        h.awaitThat("a PackFailed event", () -> eventReasons("prod").contains("PackFailed"));
        assertNotNull(h.client().batch().v1().jobs().inNamespace(NS).withName(pack.getJob()).get(), "kept for its log");
        pokeAndAwaitReconcile(db, "after the failure");
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> pack.getJob().equals(r.name())).count(), "no retry");
        assertEquals(2, snapshotNames().stream().filter(n -> n.contains("-pack-")).count(), "one snapshot per pack");
    }

    @ParameterizedTest(name = "the operator restarts while {0}")
    @ValueSource(strings = {"the pre-pack snapshot is cut", "the pack Job runs"})
    void aRestartDuringAPackFinishesThatPackOnceWithOneSnapshotAndOneJob(String during) {
        h.step("a database packs daily; its pre-pack snapshot takes 3 s to be ready and its pack Job 3 s to run");
        ZeoDatabase db = ready(fresh("prod"));
        h.cluster().snapshotsReadyAfter(Duration.ofSeconds(3)).jobsRunFor(Duration.ofSeconds(3));
        Instant packAt = packDaily(db, d -> { });
        long mark = h.requests().mark();
        moveClockTo(db, packAt.plus(1, ChronoUnit.MINUTES).toString());

        h.step("the operator dies while " + during + "; a fresh one finishes the same pack");
        boolean inJob = during.contains("Job");
        h.await(db, "the pack to be under way: " + during, d -> pack(d).map(p -> p.getResult() == PackResult.Running
                && (inJob ? p.getJobStarted() != null : p.getSnapshot() != null && p.getJobStarted() == null))
                .orElse(false));
        h.operator().restart();
        ZeoDatabase packed = h.await(db, "the pack succeeded", d -> pack(d).map(p -> p.getResult() == PackResult.Succeeded)
                .orElse(false));

        h.step("exactly once: one pre-pack snapshot, one pack Job, one run of it, for the schedule's time");
        PackStatus pack = pack(packed).orElseThrow();
        assertEquals(packAt.toString(), pack.getId());
        var created = h.requests().snapshot().since(mark).from("karl-operator").verb("create").filter(r -> r.status() < 300);
        assertEquals(List.of(pack.getSnapshot()), created.resource("volumesnapshots").list().stream()
                .map(ApiRequest::name).toList(), created::toString);
        assertEquals(List.of(pack.getJob()), created.resource("jobs").list().stream().map(ApiRequest::name).toList(),
                created::toString);
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> pack.getJob().equals(r.name())).count());
        assertEquals(1, snapshotNames().stream().filter(n -> n.contains("-pack-")).count());
        assertTrue(pack.getSizeBeforeBytes() > pack.getSizeAfterBytes(), pack::toString);
        h.assertInvariantsHeld();
    }

    /**
     * Sets {@code spec.pack} to pack daily at the whole hour two hours after the database's creation, with
     * {@code more} changes in the same edit; returns that time.
     */
    private Instant packDaily(ZeoDatabase db, java.util.function.Consumer<ZeoDatabase> more) {
        Instant packAt = Instant.parse(db.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.HOURS)
                .plus(2, ChronoUnit.HOURS);
        ZonedDateTime at = packAt.atZone(ZoneOffset.UTC);
        editSpec(db, d -> {
            PackSpec pack = new PackSpec();
            pack.setSchedule(at.getMinute() + " " + at.getHour() + " * * *");
            d.getSpec().setPack(pack);
            more.accept(d);
        });
        return packAt;
    }

    private static Optional<PackStatus> pack(ZeoDatabase db) {
        return Optional.ofNullable(db.getStatus()).map(s -> s.getPack());
    }
}
