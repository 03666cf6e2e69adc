package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.BackupVerifySpec;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.Verification;
import org.karlproject.operator.api.evolve.VerificationCheck;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.evolve.CheckResults;
import org.karlproject.operator.evolve.EvolveJob;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Events;

/**
 * Backup drills, decided (pure) from the status and what the caches show ({@code spec.backup.verify}):
 * <ol>
 *   <li>A drill is due at the latest time of {@code verify.schedule} not drilled yet (one catch-up after
 *       downtime), or once {@code verify.everyNthBackup} scheduled backups taken since the last drill started
 *       are ready (the first as soon as one is). It waits for a ready scheduled backup and for a release image
 *       (the release a site serves on this database: its image has the {@code verify} subcommand).</li>
 *   <li>Start: the drill is recorded in {@code status.drill} (Running) with its id, backup, names and the
 *       backup's generations; then its scratch PVC (restored from the newest ready scheduled backup) and its
 *       verify Job are created ({@link DrillObjects}).</li>
 *   <li>Run: found again from status and its children after a restart. The Job's result (its pod's
 *       termination message, {@link CheckResults}) ends it: Passed, or Failed with the checks; so do a failed
 *       Job, a snapshot that disappeared before the scratch volume was restored, a Lost scratch volume, and
 *       no result within {@code activeDeadlineSeconds} plus {@link #RESTORE_GRACE}.</li>
 *   <li>End: the result goes on the backup's record ({@code verified}, {@code verifiedAt}, {@code checks}) and,
 *       if it passed, in {@code status.lastVerifiedBackup}; the scratch volume is deleted as seen, through
 *       {@link ChildWriter#deleteScratch} only; a passed drill's Job too (a failed one's stays for its log
 *       until the next drill).</li>
 *   <li>Sweep: any other scratch volume or drill Job of this database (a drill whose delete was refused or
 *       lost) is deleted, as seen. Nothing else: never the live volume, never a snapshot.</li>
 * </ol>
 * {@link DrillCondition} turns the outcome into the {@code BackupVerified} condition.
 */
final class Drills {

    /** How long a drill may take beyond its Job's deadline: restoring the scratch volume comes first. */
    static final Duration RESTORE_GRACE = Duration.ofMinutes(10);
    /** How long a completed Job's result may take to reach the Pod cache. */
    static final Duration RESULT_GRACE = Duration.ofMinutes(2);
    /** How soon a running drill looks again without an event. */
    static final Duration RUNNING_RECHECK = Duration.ofSeconds(30);

    /** What to create and delete once the status is written, the events, and when to look again. */
    record Result(Plan plan, List<Events.Note> notes, Optional<Duration> recheck) {
    }

    private Drills() {
    }

    static Result plan(Observed o, ZeoDatabaseStatus status) {
        ZeoDatabase db = o.db();
        Plan plan = Plan.none();
        List<Events.Note> notes = new ArrayList<>();
        Optional<Duration> recheck = Optional.empty();
        Optional<BackupVerifySpec> verify = verify(db);
        DrillStatus drill = status.getDrill();
        if (drill != null && drill.getResult() == DrillResult.Running) {
            recheck = Optional.of(step(o, status, drill, plan, notes));
        } else if (verify.isPresent()) {
            Optional<String> due = due(db, status, verify.get(), o.now());
            if (due.isPresent()) {
                recheck = start(o, status, verify.get(), due.get(), plan, notes);
            }
        }
        sweep(o, status, plan);
        return new Result(plan, notes, recheck);
    }

    static Optional<BackupVerifySpec> verify(ZeoDatabase db) {
        return Optional.ofNullable(db.getSpec().getBackup()).map(b -> b.getVerify());
    }

    /** 1. What makes a drill due now, if anything: the cron time, or the Nth backup. */
    static Optional<String> due(ZeoDatabase db, ZeoDatabaseStatus status, BackupVerifySpec verify, Instant now) {
        DrillStatus last = status.getDrill();
        if (verify.getSchedule() != null) {
            Instant created = Instant.parse(db.getMetadata().getCreationTimestamp());
            return BackupSchedule.of(verify.getSchedule()).latest(created, now).map(at -> "schedule " + at)
                    .filter(key -> last == null || !key.equals(last.getDue()));
        }
        int n = Optional.ofNullable(verify.getEveryNthBackup()).orElse(1);
        Instant since = last == null || last.getStarted() == null ? Instant.EPOCH : Instant.parse(last.getStarted());
        long newer = readyScheduled(status).stream().filter(r -> Instant.parse(r.getTime()).isAfter(since)).count();
        return newer >= (last == null ? 1 : n) ? Optional.of("backup " + newer + " of every " + n) : Optional.empty();
    }

    /** 2. Starts the due drill on the newest ready scheduled backup, with the release image of a site. */
    private static Optional<Duration> start(Observed o, ZeoDatabaseStatus status, BackupVerifySpec verify, String due,
            Plan plan, List<Events.Note> notes) {
        ZeoDatabase db = o.db();
        Optional<BackupRecord> backup = readyScheduled(status).stream()
                .filter(r -> Optional.ofNullable(o.snapshots().get(r.getName())).filter(s -> usable(db, s)).isPresent())
                .findFirst();
        Optional<ReleaseIndex> release = release(db, o.sites(), o.releases());
        if (backup.isEmpty() || release.isEmpty()) {
            return Optional.empty(); // waits: the next backup or site wakes it; DrillCondition says what it waits for
        }
        DrillStatus drill = new DrillStatus();
        drill.setId(DrillObjects.id(db, backup.get().getName(), due));
        drill.setDue(due);
        drill.setBackup(backup.get().getName());
        drill.setBackupTime(backup.get().getTime());
        drill.setScratchVolume(DrillObjects.scratchVolume(db, drill.getId()));
        drill.setJob(DrillObjects.job(db, drill.getId()));
        drill.setRelease(release.get().getMetadata().getName());
        drill.setGenerations(new TreeMap<>(Optional.ofNullable(backup.get().getGenerations())
                .filter(g -> !g.isEmpty()).orElse(status.getGenerations())));
        drill.setStarted(o.now().toString());
        drill.setResult(DrillResult.Running);
        drill.setMessage("restoring backup " + drill.getBackup() + " into " + drill.getScratchVolume()
                + " to verify it with the image of ReleaseIndex " + drill.getRelease());
        status.setDrill(drill);
        plan.create(DrillObjects.scratch(db, drill, CsiSnapshots.restoreSize(o.snapshots().get(drill.getBackup()))));
        plan.create(DrillObjects.verifyJob(db, drill, release.get().getSpec().getImage(),
                verify.getActiveDeadlineSeconds()));
        notes.add(Events.Note.normal("DrillStarted", "drill " + drill.getId() + " (" + due + "): " + drill.getMessage()));
        return Optional.of(RUNNING_RECHECK);
    }

    /** 3. A running drill: creates what is missing, or ends it. Returns when to look again. */
    private static Duration step(Observed o, ZeoDatabaseStatus status, DrillStatus drill, Plan plan,
            List<Events.Note> notes) {
        ZeoDatabase db = o.db();
        Optional<PersistentVolumeClaim> scratch = Optional.ofNullable(o.pvcs().get(drill.getScratchVolume()));
        Optional<Job> job = Optional.ofNullable(o.drillJobs().get(drill.getJob()));
        if (scratch.isPresent() && !DrillObjects.scratchOf(scratch.get(), db, drill.getId())) {
            return end(o, status, drill, plan, notes, false, "NameTaken", "PersistentVolumeClaim "
                    + drill.getScratchVolume() + " exists and is not this drill's scratch volume; it is left alone", null);
        }
        if (job.isPresent() && !DrillObjects.ours(db, job.get())) {
            return end(o, status, drill, plan, notes, false, "NameTaken", "Job " + drill.getJob()
                    + " exists and was not made by this ZeoDatabase; it is left alone", null);
        }
        boolean restored = scratch.map(DataVolumes::bound).orElse(false);
        Optional<GenericKubernetesResource> snapshot = Optional.ofNullable(o.snapshots().get(drill.getBackup()))
                .filter(s -> usable(db, s));
        if (!restored && snapshot.isEmpty()) {
            return end(o, status, drill, plan, notes, false, "SnapshotGone", "backup " + drill.getBackup()
                    + " disappeared (or failed) before the scratch volume was restored from it", null);
        }
        if (scratch.map(p -> p.getStatus() != null && "Lost".equals(p.getStatus().getPhase())).orElse(false)) {
            return end(o, status, drill, plan, notes, false, "ScratchVolumeLost", "scratch volume "
                    + drill.getScratchVolume() + " lost its volume", null);
        }
        if (scratch.isEmpty() || job.isEmpty()) { // lost creates (a restart between them): make them again
            verify(db).ifPresent(v -> {
                scratch.ifPresentOrElse(x -> { }, () -> plan.create(DrillObjects.scratch(db, drill,
                        snapshot.flatMap(CsiSnapshots::restoreSize))));
                ReleaseIndex release = o.releases().get(drill.getRelease());
                if (job.isEmpty() && release != null) {
                    plan.create(DrillObjects.verifyJob(db, drill, release.getSpec().getImage(), v.getActiveDeadlineSeconds()));
                }
            });
            return pastDeadline(o, drill) ? end(o, status, drill, plan, notes, false, "DeadlineExceeded",
                    "no verify result within the drill's deadline", null) : RUNNING_RECHECK;
        }
        Optional<JobCondition> finished = EvolveJob.finished(job.get());
        if (finished.isEmpty()) {
            return pastDeadline(o, drill) ? end(o, status, drill, plan, notes, false, "DeadlineExceeded",
                    "the scratch volume was not restored and verified within the drill's deadline", null) : RUNNING_RECHECK;
        }
        boolean failedJob = "Failed".equals(finished.get().getType());
        Optional<Verification> result = CheckResults.message(job.get(), o.drillPods()).flatMap(CheckResults::verification);
        if (result.isEmpty() && !failedJob && (!Instant.parse(Optional.ofNullable(finished.get().getLastTransitionTime())
                .orElse(drill.getStarted())).plus(RESULT_GRACE).isBefore(o.now())
                || !CheckResults.ended(job.get(), o.drillPods()) && !pastDeadline(o, drill))) {
            // complete, but its pod's end is not in the cache yet (the grace is the Job's time against ours: a
            // skewed clock would cut it short, so a Job none of whose pods is seen ended waits up to the deadline)
            return Duration.ofSeconds(10);
        }
        if (result.map(v -> Boolean.TRUE.equals(v.getPassed())).orElse(false) && !failedJob) {
            return end(o, status, drill, plan, notes, true, null, "verify passed on the restored backup", result.get());
        }
        String reason = failedJob ? ("DeadlineExceeded".equals(finished.get().getReason()) ? "DeadlineExceeded"
                : "JobFailed") : "ChecksFailed";
        String failedChecks = result.map(v -> v.getChecks().stream().filter(c -> !Boolean.TRUE.equals(c.getPassed()))
                .map(c -> c.getName() + (c.getDetail() == null ? "" : " (" + c.getDetail() + ")"))
                .collect(Collectors.joining(", "))).orElse("");
        return end(o, status, drill, plan, notes, false, reason, "Job " + drill.getJob() + " "
                + (failedJob ? "failed" : "reported failed checks")
                + (failedChecks.isEmpty() ? (result.isEmpty() ? " without a result; see its pod's log" : "") : ": " + failedChecks),
                result.orElse(null));
    }

    /** 4. Ends the drill: the record, the backup's record, the scratch volume's delete; an event. */
    private static Duration end(Observed o, ZeoDatabaseStatus status, DrillStatus drill, Plan plan,
            List<Events.Note> notes, boolean passed, String reason, String message, Verification result) {
        String now = o.now().toString();
        List<VerificationCheck> checks = result == null ? List.of() : result.getChecks();
        drill.setResult(passed ? DrillResult.Passed : DrillResult.Failed);
        drill.setReason(reason);
        drill.setFinished(now);
        drill.setChecks(new ArrayList<>(checks));
        Optional<PersistentVolumeClaim> scratch = Optional.ofNullable(o.pvcs().get(drill.getScratchVolume()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> DrillObjects.scratchOf(p, o.db(), drill.getId()));
        drill.setMessage("backup " + drill.getBackup() + ": " + message
                + (scratch.isPresent() ? "; scratch volume " + drill.getScratchVolume() + " deleted" : ""));
        Optional<BackupRecord> record = "NameTaken".equals(reason) ? Optional.empty() // it could not run: says nothing
                : status.getBackups().stream().filter(b -> b.getName().equals(drill.getBackup())).findFirst();
        record.ifPresent(b -> {
            b.setVerified(passed);
            b.setVerifiedAt(now);
            b.setChecks(checks);
        });
        if (passed) { // kept after the backup's record goes (pruned, even meanwhile)
            BackupRecord verified = record.map(Drills::copy).orElseGet(() -> {
                BackupRecord gone = new BackupRecord();
                gone.setName(drill.getBackup());
                gone.setTrigger(BackupTrigger.Scheduled);
                gone.setState(BackupState.Ready);
                gone.setTime(Optional.ofNullable(drill.getBackupTime()).orElse(drill.getStarted()));
                gone.setVerified(true);
                gone.setVerifiedAt(now);
                gone.setChecks(checks);
                return gone;
            });
            status.setLastVerifiedBackup(verified);
        }
        scratch.ifPresent(p -> plan.deleteScratch(p, o.db().getMetadata().getUid(), drill.getId()));
        if (passed) {
            Optional.ofNullable(o.drillJobs().get(drill.getJob())).filter(j -> DrillObjects.ours(o.db(), j))
                    .ifPresent(plan::delete);
        }
        notes.add(passed ? Events.Note.normal("BackupVerified", "drill " + drill.getId() + ": " + drill.getMessage())
                : Events.Note.warning("DrillFailed", "drill " + drill.getId() + " failed (" + reason + "): "
                        + drill.getMessage()));
        return Duration.ofHours(1);
    }

    /** 5. The other scratch volumes and drill Jobs of this database go (as seen); the running drill's stay. */
    private static void sweep(Observed o, ZeoDatabaseStatus status, Plan plan) {
        ZeoDatabase db = o.db();
        DrillStatus drill = status.getDrill();
        String running = drill != null && drill.getResult() == DrillResult.Running ? drill.getId() : null;
        String keepJob = drill != null && drill.getResult() != DrillResult.Passed ? drill.getJob() : null;
        Set<String> planned = plan.intents().stream().map(Drills::deletes).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        for (PersistentVolumeClaim pvc : o.pvcs().values()) {
            Optional<String> id = DrillObjects.drillOf(pvc);
            if (id.isPresent() && !id.get().equals(running) && pvc.getMetadata().getDeletionTimestamp() == null
                    && DrillObjects.scratchOf(pvc, db, id.get()) && !planned.contains(pvc.getMetadata().getName())) {
                plan.deleteScratch(pvc, db.getMetadata().getUid(), id.get());
            }
        }
        for (Job job : o.drillJobs().values()) {
            if (!job.getMetadata().getName().equals(keepJob) && job.getMetadata().getDeletionTimestamp() == null
                    && DrillObjects.ours(db, job) && !planned.contains(job.getMetadata().getName())) {
                plan.delete(job);
            }
        }
    }

    private static Optional<String> deletes(Intent intent) {
        if (intent instanceof Intent.DeleteScratch d) {
            return Optional.of(d.pvc().getMetadata().getName());
        }
        return intent instanceof Intent.Delete d ? Optional.of(d.object().getMetadata().getName()) : Optional.empty();
    }

    /** The ready scheduled backup records, newest first. */
    static List<BackupRecord> readyScheduled(ZeoDatabaseStatus status) {
        return status.getBackups().stream()
                .filter(r -> r.getTrigger() == BackupTrigger.Scheduled && r.getState() == BackupState.Ready)
                .sorted(Comparator.comparing(BackupRecord::getTime).thenComparing(BackupRecord::getName).reversed())
                .toList();
    }

    /** A snapshot of this database's that a drill can restore: ready, not being deleted. */
    private static boolean usable(ZeoDatabase db, GenericKubernetesResource snapshot) {
        return org.karlproject.operator.k8s.Labels.madeBy(snapshot, db) && CsiSnapshots.ready(snapshot)
                && snapshot.getMetadata().getDeletionTimestamp() == null;
    }

    /**
     * The release whose image verifies this database's backups: that of the first site (by name) on the
     * database with an active release whose ReleaseIndex exists; the release image carries {@code verify}.
     */
    static Optional<ReleaseIndex> release(ZeoDatabase db, List<KarlSite> sites, Map<String, ReleaseIndex> releases) {
        return sites.stream().filter(s -> db.getMetadata().getName().equals(s.getSpec().getDatabase()))
                .filter(s -> s.getStatus() != null && s.getStatus().getActiveRelease() != null)
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .map(s -> releases.get(s.getStatus().getActiveRelease())).filter(Objects::nonNull)
                .filter(r -> r.getSpec().getImage() != null).findFirst();
    }

    private static boolean pastDeadline(Observed o, DrillStatus drill) {
        int seconds = verify(o.db()).map(BackupVerifySpec::getActiveDeadlineSeconds).orElse(3600);
        return Instant.parse(drill.getStarted()).plusSeconds(seconds).plus(RESTORE_GRACE).isBefore(o.now());
    }

    private static BackupRecord copy(BackupRecord b) {
        BackupRecord c = new BackupRecord();
        c.setName(b.getName());
        c.setTime(b.getTime());
        c.setTrigger(b.getTrigger());
        c.setState(b.getState());
        c.setGenerations(b.getGenerations());
        c.setVerified(b.getVerified());
        c.setVerifiedAt(b.getVerifiedAt());
        c.setChecks(b.getChecks());
        return c;
    }
}
