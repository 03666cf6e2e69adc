package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.status.Events;

/**
 * Backups, decided (pure) from the status and the database's own snapshots: which snapshots to take (a due
 * scheduled time, a new backup-now nonce, a recorded backup whose snapshot is missing), how pending ones
 * ended (ready, error, past the deadline), and which scheduled ones to prune. The records go into the
 * status first; the caller then creates and deletes. The steps: {@link Draft#settlePending},
 * {@link Draft#takeScheduled}, {@link Draft#takeOnDemand}, {@link Draft#prune}.
 */
public final class Backups {

    /** Failed records kept in status.backups (the newest). */
    static final int FAILED_RECORDS = 5;

    /** The snapshots to create and delete once the status is written, and the events to tell. */
    public record Result(List<GenericKubernetesResource> create, List<GenericKubernetesResource> delete,
            List<Events.Note> notes) {
    }

    private Backups() {
    }

    /**
     * Decides the backups of {@code db} on its own {@code snapshots}: settles the pending ones, takes the due
     * scheduled one and a new backup-now (only on a ready volume), prunes the scheduled ones beyond keep, and
     * records all of it in {@code status}.
     */
    public static Result plan(ZeoDatabase db, ZeoDatabaseStatus status, List<GenericKubernetesResource> snapshots,
            boolean volumeReady, Instant now, Duration deadline) {
        return plan(db, status, snapshots, volumeReady, now, deadline, Integer.MAX_VALUE);
    }

    /**
     * As above, with {@code room}: how many more snapshots the database may have under its limit
     * ({@link SnapshotLimit}) before this reconcile's pruning. Pruning comes first, so what it frees is room;
     * a backup that does not fit is not taken now (a scheduled one is caught up, a backup-now nonce is left
     * unhandled, so both are taken once there is room).
     */
    public static Result plan(ZeoDatabase db, ZeoDatabaseStatus status, List<GenericKubernetesResource> snapshots,
            boolean volumeReady, Instant now, Duration deadline, int room) {
        Draft draft = new Draft(db, status, snapshots, now);
        draft.settlePending(deadline);
        draft.prune();
        draft.room = room == Integer.MAX_VALUE ? room : room + draft.delete.size();
        if (draft.volume != null && volumeReady) {
            draft.takeScheduled();
            draft.takeOnDemand();
        }
        status.setBackups(tidy(draft.records, draft.byName, draft.create));
        status.setLastBackup(status.getBackups().isEmpty() ? null : status.getBackups().get(0));
        return new Result(draft.create, draft.delete, draft.notes);
    }

    /** One reconcile's backup records as they are being decided, and what the steps found to do. */
    private static final class Draft {
        private final ZeoDatabase db;
        private final ZeoDatabaseStatus status;
        private final List<GenericKubernetesResource> snapshots;
        private final Map<String, GenericKubernetesResource> byName;
        private final Instant now;
        private final String volume;
        private final List<BackupRecord> records;
        private final List<GenericKubernetesResource> create = new ArrayList<>();
        private final List<GenericKubernetesResource> delete = new ArrayList<>();
        private final List<Events.Note> notes = new ArrayList<>();
        /** How many more snapshots fit under the database's limit. */
        private int room = Integer.MAX_VALUE;

        Draft(ZeoDatabase db, ZeoDatabaseStatus status, List<GenericKubernetesResource> snapshots, Instant now) {
            this.db = db;
            this.status = status;
            this.snapshots = snapshots;
            this.byName = snapshots.stream()
                    .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity(), (a, b) -> a));
            this.now = now;
            this.volume = status.getActiveVolume();
            this.records = new ArrayList<>(status.getBackups());
        }

        /** 1. How pending backups ended (or re-create one whose create was lost). */
        void settlePending(Duration deadline) {
            for (BackupRecord record : records) {
                if (record.getState() != BackupState.Pending) {
                    continue;
                }
                GenericKubernetesResource snapshot = byName.get(record.getName());
                if (snapshot == null) {
                    if (volume != null) {
                        create.add(Snapshots.of(db, record.getName(), volume, record.getTrigger()));
                    }
                } else if (CsiSnapshots.ready(snapshot)) {
                    record.setState(BackupState.Ready);
                    notes.add(Events.Note.normal("BackupReady", "backup " + record.getName() + " is ready"));
                } else if (CsiSnapshots.error(snapshot).isPresent()) {
                    fail(record, CsiSnapshots.error(snapshot).get());
                } else if (Instant.parse(record.getTime()).plus(deadline).isBefore(now)) {
                    fail(record, "not ready within " + deadline.toMinutes() + " min");
                }
            }
        }

        /** 2. The most recent scheduled time, once (one catch-up after downtime, never a storm). */
        void takeScheduled() {
            if (db.getSpec().getBackup() == null) {
                return;
            }
            Instant created = Instant.parse(db.getMetadata().getCreationTimestamp());
            BackupSchedule.of(db.getSpec().getBackup().getSchedule()).latest(created, now).ifPresent(at -> {
                String name = Snapshots.scheduledName(db, at);
                if (!byName.containsKey(name) && records.stream().noneMatch(r -> name.equals(r.getName()))
                        && room > 0) {
                    take(name, BackupTrigger.Scheduled, "scheduled backup ");
                }
            });
        }

        /** 3. Backup-now, once per nonce (the nonce is recorded in the same status write). */
        void takeOnDemand() {
            Optional<String> nonce = annotation(db, DatabaseObjects.BACKUP_NOW);
            if (nonce.isEmpty() || nonce.get().equals(status.getBackupNowNonce()) || room <= 0) {
                return; // no room: the nonce stays unhandled until there is
            }
            status.setBackupNowNonce(nonce.get());
            String name = Snapshots.onDemandName(db, nonce.get());
            if (!byName.containsKey(name)) {
                take(name, BackupTrigger.OnDemand, "on-demand backup ");
            }
        }

        /**
         * 4. Prune the scheduled ones beyond keep and the on-demand ones beyond keepOnDemand (if set), oldest
         * first; never a held one, never a pending one.
         */
        void prune() {
            if (db.getSpec().getBackup() == null) {
                return;
            }
            List<String> pruned = new ArrayList<>(Backups.prune(snapshots, db.getSpec().getBackup().getKeep()));
            Integer keepOnDemand = db.getSpec().getBackup().getKeepOnDemand();
            if (keepOnDemand != null) {
                pruned.addAll(pruneOnDemand(snapshots, keepOnDemand));
            }
            Integer maxAgeDays = db.getSpec().getBackup().getOnDemandMaxAgeDays();
            if (maxAgeDays != null) {
                pruneOnDemandOlderThan(snapshots, Duration.ofDays(maxAgeDays), now).stream()
                        .filter(n -> !pruned.contains(n)).forEach(pruned::add);
            }
            for (String name : pruned) {
                delete.add(byName.get(name));
                records.removeIf(r -> name.equals(r.getName()) && r.getState() != BackupState.Failed);
                notes.add(Events.Note.normal("BackupPruned", "pruned " + (Snapshots.scheduled(byName.get(name))
                        ? "scheduled" : "on-demand") + " backup " + name));
            }
        }

        private void take(String name, BackupTrigger trigger, String what) {
            room--;
            BackupRecord taken = record(name, now, trigger);
            if (!status.getGenerations().isEmpty()) { // what a backup drill checks the restored data against
                taken.setGenerations(status.getGenerations());
            }
            records.add(taken);
            create.add(Snapshots.of(db, name, volume, trigger));
            notes.add(Events.Note.normal("BackupStarted", what + name + " of " + volume));
        }

        private void fail(BackupRecord record, String why) {
            record.setState(BackupState.Failed);
            record.setMessage(why);
            notes.add(Events.Note.warning("BackupFailed", "backup " + record.getName() + " failed: " + why
                    + "; the next scheduled backup is not affected"));
        }
    }

    /** The scheduled snapshots to prune: beyond the newest {@code keep} that are done, unless held. */
    public static List<String> prune(List<GenericKubernetesResource> snapshots, int keep) {
        return pruneByName(snapshots, Snapshots::scheduled, keep);
    }

    /**
     * The snapshots of a kind named with their time stamp (scheduled, pre-pack) to prune: beyond the newest
     * {@code keep} by name that are done, unless held.
     */
    static List<String> pruneByName(List<GenericKubernetesResource> snapshots,
            java.util.function.Predicate<GenericKubernetesResource> kind, int keep) {
        List<GenericKubernetesResource> done = snapshots.stream()
                .filter(kind)
                .filter(s -> CsiSnapshots.ready(s) || CsiSnapshots.error(s).isPresent())
                .sorted(Comparator.comparing((GenericKubernetesResource s) -> s.getMetadata().getName()).reversed())
                .toList();
        return done.stream().skip(keep).filter(s -> !CsiSnapshots.held(s)).map(s -> s.getMetadata().getName()).toList();
    }

    /**
     * The seed and reseed snapshots (copies of the source database a volume of this one was restored from) to
     * release: all but the newest of each kind by creation, done, unless held, and only once no PVC that restores
     * from one is still unbound (a restore that waits for its first consumer still needs its snapshot).
     */
    public static List<String> pruneSeeds(List<GenericKubernetesResource> snapshots,
            java.util.Collection<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> pvcs) {
        java.util.Set<String> restoring = pvcs.stream().filter(p -> !DataVolumes.bound(p))
                .filter(p -> p.getSpec() != null && p.getSpec().getDataSource() != null)
                .map(p -> p.getSpec().getDataSource().getName()).collect(Collectors.toSet());
        List<String> prune = new ArrayList<>();
        for (BackupTrigger kind : List.of(BackupTrigger.Source, BackupTrigger.Reseed)) {
            snapshots.stream()
                    .filter(s -> kind.name().equals(CsiSnapshots.label(s, DatabaseObjects.BACKUP).orElse(null)))
                    .sorted(Comparator.comparing((GenericKubernetesResource s) -> Objects.requireNonNullElse(
                            s.getMetadata().getCreationTimestamp(), "")).thenComparing(s -> s.getMetadata().getName())
                            .reversed())
                    .skip(1)
                    .filter(s -> CsiSnapshots.ready(s) || CsiSnapshots.error(s).isPresent())
                    .filter(s -> !CsiSnapshots.held(s) && !restoring.contains(s.getMetadata().getName()))
                    .map(s -> s.getMetadata().getName()).sorted().forEach(prune::add);
        }
        return prune;
    }

    /** The on-demand snapshots to prune: beyond the newest {@code keep} (by creation) that are done, unless held. */
    public static List<String> pruneOnDemand(List<GenericKubernetesResource> snapshots, int keep) {
        return snapshots.stream()
                .filter(Snapshots::onDemand)
                .filter(s -> CsiSnapshots.ready(s) || CsiSnapshots.error(s).isPresent())
                .sorted(Comparator.comparing((GenericKubernetesResource s) -> Objects.requireNonNullElse(
                        s.getMetadata().getCreationTimestamp(), "")).thenComparing(s -> s.getMetadata().getName()).reversed())
                .skip(keep).filter(s -> !CsiSnapshots.held(s)).map(s -> s.getMetadata().getName()).toList();
    }

    /**
     * The on-demand snapshots to prune by age: created more than {@code maxAge} before {@code now}, done,
     * unless held. One without a creation time is kept (its age is unknown).
     */
    public static List<String> pruneOnDemandOlderThan(List<GenericKubernetesResource> snapshots, Duration maxAge,
            Instant now) {
        return snapshots.stream()
                .filter(Snapshots::onDemand)
                .filter(s -> CsiSnapshots.ready(s) || CsiSnapshots.error(s).isPresent())
                .filter(s -> !CsiSnapshots.held(s))
                .filter(s -> s.getMetadata().getCreationTimestamp() != null
                        && Instant.parse(s.getMetadata().getCreationTimestamp()).plus(maxAge).isBefore(now))
                .map(s -> s.getMetadata().getName()).sorted().toList();
    }

    private static List<BackupRecord> tidy(List<BackupRecord> records, Map<String, GenericKubernetesResource> byName,
            List<GenericKubernetesResource> created) {
        List<String> creating = created.stream().map(s -> s.getMetadata().getName()).toList();
        List<BackupRecord> kept = records.stream()
                .filter(r -> r.getState() == BackupState.Failed || byName.containsKey(r.getName())
                        || creating.contains(r.getName()) || r.getState() == BackupState.Pending)
                .sorted(Comparator.comparing(BackupRecord::getTime).thenComparing(BackupRecord::getName).reversed())
                .collect(Collectors.toCollection(ArrayList::new));
        List<BackupRecord> failed = kept.stream().filter(r -> r.getState() == BackupState.Failed).toList();
        failed.stream().skip(FAILED_RECORDS).forEach(kept::remove);
        return kept;
    }

    private static BackupRecord record(String name, Instant at, BackupTrigger trigger) {
        BackupRecord record = new BackupRecord();
        record.setName(name);
        record.setTime(at.toString());
        record.setTrigger(trigger);
        record.setState(BackupState.Pending);
        return record;
    }

    static Optional<String> annotation(ZeoDatabase db, String key) {
        return Optional.ofNullable(db.getMetadata().getAnnotations()).map(a -> a.get(key))
                .filter(Objects::nonNull).filter(v -> !v.isBlank());
    }
}
