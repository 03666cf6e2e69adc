package org.karlproject.operator.database;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackSpec;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.evolve.CheckResults;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Events;

/**
 * Packing the FileStorage on a schedule ({@code spec.pack}), decided (pure) from the status and the caches:
 * <ol>
 *   <li>Due: the latest time of {@code pack.schedule} that no pack has been recorded for (one catch-up after
 *       downtime). It starts only while the database serves writable on a bound volume: no read-only hold
 *       (spec.readOnly, an evolve run, a site's data restore), no evolve run of this database past Pending and
 *       not finished, not being deleted, and room for one snapshot under {@code spec.snapshots.limit}. Until
 *       then it waits, unrecorded, and starts once all of that holds (if the time is still the latest).</li>
 *   <li>Start: recorded in {@code status.pack} (Running), then the pre-pack snapshot (trigger
 *       {@link BackupTrigger#Pack}) of the served volume is created.</li>
 *   <li>Once the snapshot is ready, and the database still serves writable, the Job {@code zeo pack --days N}
 *       ({@link ZeoCheckJobs#of}) runs against the live server (ZEO packs online). A hold or an evolve that
 *       came while the snapshot was being taken ends the pack Failed ({@code ReadOnly}) without a Job. One
 *       that comes while the Job runs is not held back: a read-only ZEO refuses to pack, the Job fails, and
 *       the pack records it ({@code JobFailed}).</li>
 *   <li>End: the Job's termination message ({@code {"sizeBefore":..,"sizeAfter":..}}) gives the sizes and the
 *       duration (Succeeded; its Job is deleted); a failed Job, a snapshot error, a missing result or the
 *       deadline, or {@code spec.pack} removed before the Job started, records Failed with the reason. No retry until
 *       the next time of the schedule.</li>
 *   <li>Retention: the done pre-pack snapshots beyond the newest {@code pack.keepSnapshots} are pruned
 *       (never a held one, never the running pack's).</li>
 * </ol>
 */
final class Pack {

    /** The {@link org.karlproject.operator.evolve.ChildNames#CHECK_LABEL} value of a pack Job. */
    static final String CHECK = "pack";
    /** How soon a running pack looks again without an event. */
    static final Duration RUNNING_RECHECK = Duration.ofSeconds(15);
    /** How long a finished Job's result may take beyond the Job's own deadline before the pack gives up. */
    static final Duration RESULT_GRACE = Duration.ofMinutes(2);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    /** What to create and delete once the status is written, the events, and when to look again. */
    record Result(Plan plan, List<Events.Note> notes, Optional<Duration> recheck, int snapshotsCreated,
            int snapshotsDeleted) {
    }

    private Pack() {
    }

    /**
     * The pack step of {@code o}'s database: {@code writable} says it serves writable now (no read-only hold,
     * its template rolled out, its volume bound); {@code room} how many more snapshots fit under its limit;
     * {@code snapshotDeadline} how long the pre-pack snapshot may take to be ready.
     */
    static Result plan(Observed o, ZeoDatabaseStatus status, boolean writable, int room, Duration snapshotDeadline) {
        Plan plan = Plan.none();
        List<Events.Note> notes = new ArrayList<>();
        Optional<PackSpec> spec = Optional.ofNullable(o.db().getSpec().getPack());
        PackStatus pack = status.getPack();
        Optional<Duration> recheck = Optional.empty();
        int created = 0;
        if (pack != null && pack.getResult() == PackResult.Running) {
            recheck = Optional.of(step(o, status, pack, writable && !evolving(o), snapshotDeadline, plan, notes));
            created = (int) plan.intents().stream().filter(i -> i instanceof Intent.Create c
                    && c.object() instanceof GenericKubernetesResource).count();
        } else if (spec.isPresent()) {
            Optional<Instant> due = due(o.db(), pack, spec.get(), o.now());
            if (due.isPresent() && writable && !evolving(o) && o.db().getMetadata().getDeletionTimestamp() == null
                    && room > 0 && status.getActiveVolume() != null) {
                start(o, status, due.get(), plan, notes);
                created = 1;
                recheck = Optional.of(RUNNING_RECHECK);
            }
            recheck = recheck.or(() -> BackupSchedule.of(spec.get().getSchedule()).next(o.now())
                    .map(next -> Duration.between(o.now(), next).plusSeconds(1)));
        }
        int deleted = 0;
        if (spec.isPresent()) {
            String running = status.getPack() != null && status.getPack().getResult() == PackResult.Running
                    ? status.getPack().getSnapshot() : null;
            for (String name : Backups.pruneByName(o.ownSnapshots(), Snapshots::prePack, spec.get().getKeepSnapshots())) {
                GenericKubernetesResource snapshot = o.snapshots().get(name);
                if (!name.equals(running) && snapshot != null) {
                    plan.delete(snapshot);
                    deleted++;
                    notes.add(Events.Note.normal("BackupPruned", "pruned pre-pack snapshot " + name
                            + " beyond spec.pack.keepSnapshots=" + spec.get().getKeepSnapshots()));
                }
            }
        }
        return new Result(plan, notes, recheck, created, deleted);
    }

    /** The latest time of the schedule, if no pack has been recorded for it. */
    static Optional<Instant> due(ZeoDatabase db, PackStatus last, PackSpec spec, Instant now) {
        Instant created = Instant.parse(db.getMetadata().getCreationTimestamp());
        return BackupSchedule.of(spec.getSchedule()).latest(created, now)
                .filter(at -> last == null || !at.toString().equals(last.getId()));
    }

    /** Whether an evolve run of this database is past Pending and not finished. */
    static boolean evolving(Observed o) {
        String name = o.db().getMetadata().getName();
        return o.runs().stream().map(r -> r.getStatus()).anyMatch(s -> s != null && name.equals(s.getDatabase())
                && s.getPhase() != null && s.getPhase() != EvolvePhase.Pending && !s.getPhase().isTerminal());
    }

    static String jobName(ZeoDatabase db, Instant at) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "pack", STAMP.format(at));
    }

    /** The pack Job: {@code zeo pack --days N} against the live server. */
    static Job job(ZeoDatabase db, PackStatus pack) {
        PackSpec spec = Optional.ofNullable(db.getSpec().getPack()).orElseGet(PackSpec::new);
        return ZeoCheckJobs.of(db, pack.getJob(), CHECK, List.of("zeo", "pack", "--days",
                String.valueOf(spec.getDaysToKeep())), spec.getActiveDeadlineSeconds());
    }

    private static void start(Observed o, ZeoDatabaseStatus status, Instant at, Plan plan, List<Events.Note> notes) {
        ZeoDatabase db = o.db();
        PackStatus pack = new PackStatus();
        pack.setId(at.toString());
        pack.setSnapshot(Snapshots.packName(db, at));
        pack.setJob(jobName(db, at));
        pack.setStarted(o.now().toString());
        pack.setResult(PackResult.Running);
        pack.setMessage("taking the pre-pack snapshot " + pack.getSnapshot() + " of " + status.getActiveVolume());
        Optional<PackStatus> previous = Optional.ofNullable(status.getPack());
        status.setPack(pack);
        plan.create(Snapshots.of(db, pack.getSnapshot(), status.getActiveVolume(), BackupTrigger.Pack));
        // the previous pack's Job (a failed one stays for its log until the next pack)
        previous.map(p -> o.checkJobs().get(p.getJob())).filter(j -> DrillObjects.ours(db, j)).ifPresent(plan::delete);
        notes.add(Events.Note.normal("PackStarted", "pack for " + at + ": " + pack.getMessage()));
    }

    /** A running pack: the snapshot, then the Job, then the result. Returns when to look again. */
    private static Duration step(Observed o, ZeoDatabaseStatus status, PackStatus pack, boolean writable,
            Duration snapshotDeadline, Plan plan, List<Events.Note> notes) {
        ZeoDatabase db = o.db();
        PackSpec spec = Optional.ofNullable(db.getSpec().getPack()).orElseGet(PackSpec::new);
        ZeoCheckJobs.State job = ZeoCheckJobs.state(o, pack.getJob());
        if (job instanceof ZeoCheckJobs.State.Absent) {
            if (pack.getJobStarted() != null) { // recorded, not in the cache: its create was lost, make it again
                if (pastJobDeadline(o, pack, spec)) {
                    return end(o, pack, plan, notes, "DeadlineExceeded", "Job " + pack.getJob()
                            + " gave no result within its deadline", null);
                }
                plan.create(job(db, pack));
                return RUNNING_RECHECK;
            }
            Optional<GenericKubernetesResource> snapshot = Optional.ofNullable(o.snapshots().get(pack.getSnapshot()))
                    .filter(s -> Labels.madeBy(s, db));
            boolean late = Instant.parse(pack.getStarted()).plus(snapshotDeadline).isBefore(o.now());
            if (snapshot.flatMap(CsiSnapshots::error).isPresent()) {
                return end(o, pack, plan, notes, "SnapshotFailed", "the pre-pack snapshot " + pack.getSnapshot()
                        + " failed (" + snapshot.flatMap(CsiSnapshots::error).get() + "); not packed", null);
            }
            if (snapshot.filter(CsiSnapshots::ready).isEmpty()) {
                if (late) {
                    return end(o, pack, plan, notes, "SnapshotFailed", "the pre-pack snapshot " + pack.getSnapshot()
                            + " was not ready within " + snapshotDeadline.toMinutes() + " min; not packed", null);
                }
                if (snapshot.isEmpty() && status.getActiveVolume() != null) { // its create was lost: again
                    plan.create(Snapshots.of(db, pack.getSnapshot(), status.getActiveVolume(), BackupTrigger.Pack));
                }
                return RUNNING_RECHECK;
            }
            if (db.getSpec().getPack() == null) {
                return end(o, pack, plan, notes, "PackRemoved", "spec.pack was removed before the pack Job started; "
                        + "not packed", null);
            }
            if (!writable) {
                return end(o, pack, plan, notes, "ReadOnly", "a read-only hold or an evolve run came before the "
                        + "pack Job started; not packed until the next time of spec.pack.schedule", null);
            }
            pack.setJobStarted(o.now().toString());
            pack.setMessage("the pre-pack snapshot " + pack.getSnapshot() + " is ready; zeo pack --days "
                    + spec.getDaysToKeep() + " runs against the live server (Job " + pack.getJob() + ")");
            plan.create(job(db, pack));
            return RUNNING_RECHECK;
        }
        if (job instanceof ZeoCheckJobs.State.Running) {
            return pastJobDeadline(o, pack, spec) ? end(o, pack, plan, notes, "DeadlineExceeded", "Job "
                    + pack.getJob() + " gave no result within " + spec.getActiveDeadlineSeconds() + " s", null)
                    : RUNNING_RECHECK;
        }
        if (job instanceof ZeoCheckJobs.State.Failed failed) {
            boolean taken = failed.why().contains("not made by this ZeoDatabase");
            return end(o, pack, plan, notes, taken ? "NameTaken" : "JobFailed", failed.why() + (writable ? ""
                    : ": ZEO is read-only now (a hold or an evolve came while it ran), and a read-only ZEO refuses "
                    + "to pack") + "; not packed until the next time of spec.pack.schedule", null);
        }
        String message = ((ZeoCheckJobs.State.Done) job).message();
        Optional<long[]> sizes = sizes(message);
        if (sizes.isEmpty()) {
            return end(o, pack, plan, notes, "NoResult", "Job " + pack.getJob() + " reported no sizes ("
                    + message + ")", null);
        }
        return end(o, pack, plan, notes, null, "packed: " + sizes.get()[0] + " bytes before, " + sizes.get()[1]
                + " after, keeping " + spec.getDaysToKeep() + " days of history", sizes.get());
    }

    /** The sizes a pack Job reported: {@code {"sizeBefore":<bytes>,"sizeAfter":<bytes>}}. */
    static Optional<long[]> sizes(String message) {
        return CheckResults.parse(message).filter(n -> n.path("sizeBefore").canConvertToLong()
                && n.path("sizeAfter").canConvertToLong() && n.path("sizeBefore").isIntegralNumber()
                && n.path("sizeAfter").isIntegralNumber())
                .map((JsonNode n) -> new long[] {n.get("sizeBefore").asLong(), n.get("sizeAfter").asLong()});
    }

    private static Duration end(Observed o, PackStatus pack, Plan plan, List<Events.Note> notes, String reason,
            String message, long[] sizes) {
        boolean succeeded = sizes != null;
        pack.setResult(succeeded ? PackResult.Succeeded : PackResult.Failed);
        pack.setReason(reason);
        pack.setFinished(o.now().toString());
        pack.setMessage(message);
        if (succeeded) {
            pack.setSizeBeforeBytes(sizes[0]);
            pack.setSizeAfterBytes(sizes[1]);
            pack.setDurationSeconds(Duration.between(Instant.parse(pack.getJobStarted()), o.now()).toSeconds());
            Optional.ofNullable(o.checkJobs().get(pack.getJob())).filter(j -> DrillObjects.ours(o.db(), j))
                    .ifPresent(plan::delete);
        }
        notes.add(succeeded ? Events.Note.normal("Packed", "pack for " + pack.getId() + ": " + message)
                : Events.Note.warning("PackFailed", "pack for " + pack.getId() + " failed (" + reason + "): " + message));
        return Duration.ofHours(1);
    }

    private static boolean pastJobDeadline(Observed o, PackStatus pack, PackSpec spec) {
        return Instant.parse(pack.getJobStarted()).plusSeconds(spec.getActiveDeadlineSeconds()).plus(RESULT_GRACE)
                .isBefore(o.now());
    }
}
