package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/**
 * The decide step (pure): from an {@link Observed} snapshot and a copy of the status, the status to record
 * and what to do after recording it. Stepping twice from the same observation gives the same result.
 */
public final class Decide {

    /** What a reconcile does once the status is written. */
    public record Decision(Health health, List<HasMetadata> create, List<String> deleteVolumes,
            List<String> deleteSnapshots, List<Backups.Note> notes, Optional<Deployment> deployment,
            boolean readOnly, Duration requeue) {
    }

    private Decide() {
    }

    public static Decision decide(Observed o, ZeoDatabaseStatus status, Duration backupDeadline) {
        ZeoDatabase db = o.db();
        String name = db.getMetadata().getName();
        List<Backups.Note> notes = new ArrayList<>();
        status.setEndpoint(DatabaseObjects.endpoint(db));
        // 1. where the data comes from
        Provisioning.Result provisioning = Provisioning.plan(o, status);
        if (provisioning.blocked().isPresent()) {
            return new Decision(provisioning.blocked().get(), List.of(), List.of(), List.of(), notes,
                    Optional.empty(), false, Duration.ofSeconds(30));
        }
        List<HasMetadata> create = new ArrayList<>(provisioning.create());
        notes.addAll(provisioning.notes());
        // 2. volume switches: reseed, evolve run, data-restore rollback
        Optional<VolumeSwitch.Target> target = provisioning.reseed()
                .or(() -> VolumeSwitch.decide(name, status, o.runs(), o.sites(), o::bound));
        target.ifPresent(t -> {
            notes.add(new Backups.Note(false, "VolumeSwitched", "serving " + t.volume() + " instead of "
                    + status.getActiveVolume() + " (" + t.reason() + "); " + status.getActiveVolume() + " is retained"));
            VolumeSwitch.apply(status, t, o.now());
        });
        // 3. read-only holds
        ReadOnlyStatus readOnly = Optional.ofNullable(status.getReadOnly()).orElseGet(ReadOnlyStatus::new);
        readOnly.setHolders(ReadOnlyHolds.holders(name, o.runs(), o.sites(), readOnly.getHolders(), o.now(),
                status.getActiveVolume()));
        boolean effective = Boolean.TRUE.equals(db.getSpec().getReadOnly()) || !readOnly.getHolders().isEmpty();
        // 4. first generations, from the release of the first site that served on a database without any
        //    (new, cloned from a source that had none yet, or restored from a bare snapshot whose age no one
        //    recorded: the release that first serves it is the best knowledge there is, and without it no
        //    upgrade on this database could ever decide whether it needs an evolve)
        if (status.getGenerations().isEmpty()) {
            firstGenerations(name, o).ifPresent(status::setGenerations);
        }
        // 5. retention of previous volumes
        int keep = Optional.ofNullable(db.getSpec().getRetention()).map(r -> r.getKeepPreviousVolumes()).orElse(1);
        java.util.Set<String> needed = new java.util.TreeSet<>(Retention.neededBySites(name, o.sites()));
        needed.addAll(VolumeSwitch.neededByRuns(name, o.runs())); // the way back of a run that has not finished
        List<String> deleteVolumes = Retention.toDelete(status.getPreviousVolumes(), keep, needed);
        status.getPreviousVolumes().removeIf(p -> deleteVolumes.contains(p.getName()));
        deleteVolumes.forEach(v -> notes.add(new Backups.Note(false, "VolumeDeleted", "deleted previous volume " + v
                + " beyond spec.retention.keepPreviousVolumes=" + keep)));
        // 6. backups
        Backups.Plan backups = Backups.plan(db, status, o.ownSnapshots(), o.bound(status.getActiveVolume()), o.now(),
                backupDeadline);
        create.addAll(backups.create());
        notes.addAll(backups.notes());
        // 7. the workload and what it runs now
        String conf = ZeoConf.render(db, effective);
        Deployment desired = ZeoDeployment.build(db, status.getActiveVolume(), conf, effective);
        boolean current = o.deployment().map(d -> Children.seenHash(d).orElse("")
                .equals(Children.hash(desired.getSpec())) && ZeoDeployment.rolledOut(d)).orElse(false);
        // Read-only is active only while no writable ZEO can run: once the read-only template is rolled out
        // (no pod of an older one left), or while every template since it was is read-only too. This status
        // is written before a writable template is, so no writable pod starts while it says true.
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
        status.setReadOnly(readOnly);
        Health health = health(o, status, effective, current, o.deployment().isPresent());
        return new Decision(health, create, deleteVolumes, backups.delete(), notes, Optional.of(desired), effective,
                requeue(db, status, o.now()));
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
        if (status.getBackups().stream().anyMatch(b -> Backups.PENDING.equals(b.getState()))) {
            wait = min(wait, Duration.ofSeconds(30));
        }
        return wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
