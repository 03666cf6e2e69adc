package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * The decide step (pure): from an {@link Observed} snapshot and a copy of the status, the status to record,
 * the verdict, the events, and the plan that {@link org.karlproject.operator.k8s.ChildWriter} carries out
 * once the status is recorded: the volumes and snapshots to create, the four ensures of the workload
 * ({@link Workload}), and the deletes of the previous volumes and snapshots retention and pruning chose (the
 * objects as {@link Observed} saw them: only this database's own). Stepping twice from the same observation
 * gives the same result.
 */
public final class Decide {

    /** How soon a database that waits on something it cannot watch looks again. */
    static final Duration BLOCKED_RECHECK = Duration.ofSeconds(30);
    /** How soon a data restore that waits for ZEO to be read-only, or for its check, looks again. */
    static final Duration RESTORE_RECHECK = Duration.ofSeconds(2);

    private Decide() {
    }

    public static Decision<ZeoDatabaseStatus> decide(Observed o, ZeoDatabaseStatus status, Duration backupDeadline) {
        ZeoDatabase db = o.db();
        status.setEndpoint(DatabaseObjects.endpoint(db));
        // 1. where the data comes from
        Provisioning.Result provisioning = Provisioning.plan(o, status);
        if (provisioning.blocked().isPresent()) {
            return Decision.of(status, provisioning.blocked().get()).recheckAfter(BLOCKED_RECHECK);
        }
        List<Events.Note> events = new ArrayList<>(provisioning.notes());
        Plan creates = Plan.none();
        provisioning.create().forEach(creates::create);
        // 2. volume switches: reseed, evolve run, data-restore rollback
        boolean restoreWaits = switchVolume(o, status, provisioning.reseed(), events, creates);
        // 3. read-only holds
        ReadOnlyStatus readOnly = holds(o, status);
        boolean effective = Boolean.TRUE.equals(db.getSpec().getReadOnly()) || !readOnly.getHolders().isEmpty();
        // 4. first generations, from the release of the first site that served on a database without any
        //    (new, cloned from a source that had none yet, or restored from a bare snapshot whose age no one
        //    recorded: the release that first serves it is the best knowledge there is, and without it no
        //    upgrade on this database could ever decide whether it needs an evolve)
        if (status.getGenerations().isEmpty()) {
            firstGenerations(db.getMetadata().getName(), o).ifPresent(status::setGenerations);
        }
        // 5. retention of previous volumes
        List<PersistentVolumeClaim> retired = retire(o, status, events);
        // 6. backups, within the snapshot limit (SnapshotLimit)
        int counted = SnapshotLimit.counted(o).size();
        int limit = SnapshotLimit.limit(db);
        Backups.Result backups = Backups.plan(db, status, o.ownSnapshots(), o.bound(status.getActiveVolume()), o.now(),
                backupDeadline, limit - counted);
        backups.create().forEach(creates::create);
        events.addAll(backups.notes());
        // 6a. seed and reseed snapshots: released once a newer one of the kind exists and no restore waits on them
        List<GenericKubernetesResource> seeds = Backups.pruneSeeds(o.ownSnapshots(), o.pvcs().values()).stream()
                .map(o.snapshots()::get).filter(java.util.Objects::nonNull).toList();
        seeds.forEach(seed -> events.add(Events.Note.normal("BackupPruned", "released source snapshot "
                + seed.getMetadata().getName() + ": a newer copy of the source exists and no volume restores from it")));
        status.setSnapshotCount(counted - backups.delete().size() - seeds.size() + backups.create().size());
        // 6b. backup drills (issue #17): restore a backup into a scratch volume, verify it, record it
        Drills.Result drills = Drills.plan(o, status);
        events.addAll(drills.notes());
        Optional<Duration> drillRecheck = drills.recheck();
        Optional<Duration> agesIn = DrillCondition.apply(db, status, o.now());
        // 7. the workload and what it runs now
        String conf = ZeoConf.render(db, effective);
        Deployment desired = ZeoDeployment.of(db, status.getActiveVolume(), conf, effective);
        boolean current = o.deployment().map(d -> Workload.runs(d, desired)).orElse(false);
        // 7b. pack on schedule (issue #17): a pre-pack snapshot, then zeo pack, only while it serves writable
        Pack.Result pack = Pack.plan(o, status, !effective && current && o.bound(status.getActiveVolume()),
                limit - status.getSnapshotCount(), backupDeadline);
        events.addAll(pack.notes());
        status.setSnapshotCount(status.getSnapshotCount() + pack.snapshotsCreated() - pack.snapshotsDeleted());
        status.setReadOnly(active(o, readOnly, effective, current));
        Plan plan = creates.and(Workload.serving(o, conf, desired));
        retired.forEach(plan::delete);
        backups.delete().forEach(plan::delete);
        seeds.forEach(plan::delete);
        plan.and(drills.plan());
        plan.and(pack.plan());
        Decision<ZeoDatabaseStatus> decision = new Decision<>(status, health(o, status, effective, current,
                o.deployment().isPresent()), events, plan,
                Optional.of(restoreWaits ? RESTORE_RECHECK : requeue(db, status, o.now())));
        // ---- backup drills: the next drill time, a running drill, the verified backup growing too old ----
        for (Optional<Duration> later : List.of(drillRecheck, agesIn, nextDrill(db, o.now()), pack.recheck())) {
            decision = later.map(decision::recheckAfter).orElse(decision);
        }
        return decision;
    }

    /**
     * Switches the served volume when a reseed, an evolve run or a rollback asks for it; the event says so. A
     * data-restore rollback switches only once {@link RestoreCheck} has recorded what it discards (its Job
     * goes into {@code creates}).
     */
    private static boolean switchVolume(Observed o, ZeoDatabaseStatus status, Optional<VolumeSwitch.Target> reseed,
            List<Events.Note> events, Plan creates) {
        String name = o.db().getMetadata().getName();
        Optional<VolumeSwitch.Target> target = reseed
                .or(() -> VolumeSwitch.decide(name, status, o.runs(), o.sites(), o::bound));
        Optional<VolumeSwitch.DataRestore> restore = target.isEmpty() || reseed.isPresent() ? Optional.empty()
                : VolumeSwitch.dataRestore(name, status, o.sites()).filter(r -> r.target().equals(target.get()));
        if (restore.isPresent()) {
            RestoreCheck.Gate gate = RestoreCheck.gate(o, status, restore.get());
            gate.note().ifPresent(events::add);
            creates.and(gate.plan());
            if (!gate.go()) {
                return true;
            }
        }
        target.map(t -> {
            Events.Note note = Events.Note.normal("VolumeSwitched", "serving " + t.volume() + " instead of "
                    + status.getActiveVolume() + " (" + t.reason() + "); " + status.getActiveVolume() + " is retained");
            VolumeSwitch.apply(status, t, o.now());
            return note;
        }).ifPresent(events::add);
        return false;
    }

    /** The read-only status with its holders now ({@link ReadOnlyHolds}). */
    private static ReadOnlyStatus holds(Observed o, ZeoDatabaseStatus status) {
        ReadOnlyStatus readOnly = Optional.ofNullable(status.getReadOnly()).orElseGet(ReadOnlyStatus::new);
        readOnly.setHolders(ReadOnlyHolds.holders(o.db().getMetadata().getName(), o.runs(), o.sites(),
                readOnly.getHolders(), o.now(), status.getActiveVolume()));
        return readOnly;
    }

    /**
     * The previous volumes beyond keepPreviousVolumes that no site or unfinished run still needs: dropped from
     * the status, an event each, and returned for deletion (only those {@link Observed#deletableVolume} allows).
     */
    private static List<PersistentVolumeClaim> retire(Observed o, ZeoDatabaseStatus status, List<Events.Note> events) {
        String name = o.db().getMetadata().getName();
        int keep = Optional.ofNullable(o.db().getSpec().getRetention()).map(r -> r.getKeepPreviousVolumes()).orElse(1);
        Set<String> needed = new TreeSet<>(Retention.neededBySites(name, o.sites()));
        needed.addAll(VolumeSwitch.neededByRuns(name, o.runs())); // the way back of a run that has not finished
        List<String> deleteVolumes = Retention.toDelete(status.getPreviousVolumes(), keep, needed);
        status.getPreviousVolumes().removeIf(p -> deleteVolumes.contains(p.getName()));
        deleteVolumes.forEach(v -> events.add(Events.Note.normal("VolumeDeleted", "deleted previous volume " + v
                + " beyond spec.retention.keepPreviousVolumes=" + keep)));
        return deleteVolumes.stream().map(o::deletableVolume).flatMap(Optional::stream).toList();
    }

    /**
     * Read-only is active only while no writable ZEO can run: once the read-only template is rolled out (no
     * pod of an older one left), or while every template since it was is read-only too. This status is
     * written before a writable template is, so no writable pod starts while it says true.
     */
    private static ReadOnlyStatus active(Observed o, ReadOnlyStatus readOnly, boolean effective, boolean current) {
        boolean active;
        if (current) {
            active = ZeoDeployment.templateReadOnly(o.deployment().get());
        } else {
            active = Boolean.TRUE.equals(readOnly.getActive()) && effective
                    && o.deployment().map(ZeoDeployment::templateReadOnly).orElse(false);
        }
        if (active && !Boolean.TRUE.equals(readOnly.getActive())) {
            readOnly.setSince(o.now().toString());
        } else if (!active) {
            readOnly.setSince(null);
        }
        readOnly.setActive(active);
        return readOnly;
    }

    private static Health health(Observed o, ZeoDatabaseStatus status, boolean readOnly, boolean current,
            boolean exists) {
        String mode = readOnly ? "read-only" : "writable";
        if (!o.bound(status.getActiveVolume())) {
            return Health.progressing("Provisioning", "waiting for volume " + status.getActiveVolume() + " to bind");
        }
        if (!current) {
            return Health.progressing(exists ? "Restarting" : "Starting", "ZEO is starting on "
                    + status.getActiveVolume() + ", " + mode);
        }
        // the snapshot limit: serving, but nothing that needs a new snapshot goes on until there is room
        int limit = SnapshotLimit.limit(o.db());
        if (status.getSnapshotCount() != null && !SnapshotLimit.fits(status.getSnapshotCount(), limit, 1)) {
            return Health.stalled(SnapshotLimit.REASON, "ZEO serves " + status.getActiveVolume() + ", " + mode
                    + "; " + SnapshotLimit.message(status.getSnapshotCount(), limit));
        }
        return Health.ready("Serving", "ZEO serves " + status.getActiveVolume() + " at " + status.getEndpoint()
                + ", " + mode);
    }

    static Optional<TreeMap<String, Long>> firstGenerations(String database, Observed o) {
        for (KarlSite site : o.sites()) {
            // A site's activeRelease is set only when its first release has been smoke-checked and switched
            // to: KARL has initialised the data at that release. Ready is not required: it is True only for a
            // moment if the site starts its next rollout at once, and the site waits for these generations
            // before deciding whether that rollout needs an evolve.
            if (!database.equals(site.getSpec().getDatabase()) || site.getStatus() == null
                    || site.getStatus().getActiveRelease() == null) {
                continue;
            }
            var release = o.releases().get(site.getStatus().getActiveRelease());
            if (release != null && release.getStatus() != null && !release.getStatus().getGenerations().isEmpty()) {
                return Optional.of(new TreeMap<>(release.getStatus().getGenerations()));
            }
        }
        return Optional.empty();
    }

    /** Until the next scheduled backup (at most an hour), or soon while a backup is pending. */
    static Duration requeue(ZeoDatabase db, ZeoDatabaseStatus status, Instant now) {
        Duration wait = Duration.ofHours(1);
        if (db.getSpec().getBackup() != null) {
            Optional<Instant> next = BackupSchedule.of(db.getSpec().getBackup().getSchedule()).next(now);
            if (next.isPresent()) {
                wait = min(wait, Duration.between(now, next.get()).plusSeconds(1));
            }
        }
        if (status.getBackups().stream().anyMatch(b -> b.getState() == BackupState.Pending)) {
            wait = min(wait, Duration.ofSeconds(30));
        }
        return wait;
    }

    /** Until the next time of {@code spec.backup.verify.schedule}, if it has one. */
    static Optional<Duration> nextDrill(ZeoDatabase db, Instant now) {
        return Drills.verify(db).map(v -> v.getSchedule()).flatMap(s -> BackupSchedule.of(s).next(now))
                .map(next -> Duration.between(now, next).plusSeconds(1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
