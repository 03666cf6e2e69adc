package org.karlproject.operator.database;

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
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;

/**
 * Backups, decided (pure) from the status and the database's own snapshots: which snapshots to take (a due
 * scheduled time, a new backup-now nonce, a recorded backup whose snapshot is missing), how pending ones
 * ended (ready, error, past the deadline), and which scheduled ones to prune. The records go into the
 * status first; the caller then creates and deletes.
 */
public final class Backups {

    public static final String PENDING = "Pending";
    public static final String READY = "Ready";
    public static final String FAILED = "Failed";
    /** Failed records kept in status.backups (the newest). */
    static final int FAILED_RECORDS = 5;

    /** What to do after the status is written, and the events to tell. */
    public record Plan(List<GenericKubernetesResource> create, List<String> delete, List<Note> notes) {
    }

    /** An event: warning or normal, reason, message. */
    public record Note(boolean warning, String reason, String message) {
    }

    private Backups() {
    }

    public static Plan plan(ZeoDatabase db, ZeoDatabaseStatus status, List<GenericKubernetesResource> snapshots,
            boolean volumeReady, Instant now, Duration deadline) {
        Map<String, GenericKubernetesResource> byName = snapshots.stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity(), (a, b) -> a));
        List<BackupRecord> records = new ArrayList<>(status.getBackups());
        List<GenericKubernetesResource> create = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        String volume = status.getActiveVolume();

        // 1. how pending backups ended (or re-create one whose create was lost)
        for (BackupRecord record : records) {
            if (!PENDING.equals(record.getState())) {
                continue;
            }
            GenericKubernetesResource snapshot = byName.get(record.getName());
            if (snapshot == null) {
                if (volume != null) {
                    create.add(Snapshots.build(db, record.getName(), volume, record.getTrigger()));
                }
            } else if (Snapshots.ready(snapshot)) {
                record.setState(READY);
                notes.add(new Note(false, "BackupReady", "backup " + record.getName() + " is ready"));
            } else if (Snapshots.error(snapshot).isPresent()) {
                fail(record, Snapshots.error(snapshot).get(), notes);
            } else if (Instant.parse(record.getTime()).plus(deadline).isBefore(now)) {
                fail(record, "not ready within " + deadline.toMinutes() + " min", notes);
            }
        }
        if (volume != null && volumeReady) {
            // 2. the most recent scheduled time, once (one catch-up after downtime, never a storm)
            if (db.getSpec().getBackup() != null) {
                Instant created = Instant.parse(db.getMetadata().getCreationTimestamp());
                BackupSchedule.of(db.getSpec().getBackup().getSchedule()).latest(created, now).ifPresent(at -> {
                    String name = Snapshots.scheduledName(db, at);
                    if (!byName.containsKey(name) && records.stream().noneMatch(r -> name.equals(r.getName()))) {
                        records.add(record(name, now, Snapshots.SCHEDULED));
                        create.add(Snapshots.build(db, name, volume, Snapshots.SCHEDULED));
                        notes.add(new Note(false, "BackupStarted", "scheduled backup " + name + " of " + volume));
                    }
                });
            }
            // 3. backup-now, once per nonce (the nonce is recorded in the same status write)
            Optional<String> nonce = annotation(db, DatabaseObjects.BACKUP_NOW);
            if (nonce.isPresent() && !nonce.get().equals(status.getBackupNowNonce())) {
                status.setBackupNowNonce(nonce.get());
                String name = Snapshots.onDemandName(db, nonce.get());
                if (!byName.containsKey(name)) {
                    records.add(record(name, now, Snapshots.ON_DEMAND));
                    create.add(Snapshots.build(db, name, volume, Snapshots.ON_DEMAND));
                    notes.add(new Note(false, "BackupStarted", "on-demand backup " + name + " of " + volume));
                }
            }
        }
        // 4. prune the scheduled ones beyond keep, oldest first; never a held one, never a pending one
        if (db.getSpec().getBackup() != null) {
            for (String name : prune(snapshots, db.getSpec().getBackup().getKeep())) {
                delete.add(name);
                records.removeIf(r -> name.equals(r.getName()) && !FAILED.equals(r.getState()));
                notes.add(new Note(false, "BackupPruned", "pruned scheduled backup " + name));
            }
        }
        status.setBackups(tidy(records, byName, create));
        status.setLastBackup(status.getBackups().isEmpty() ? null : status.getBackups().get(0));
        return new Plan(create, delete, notes);
    }

    /** The scheduled snapshots to prune: beyond the newest {@code keep} that are done, unless held. */
    public static List<String> prune(List<GenericKubernetesResource> snapshots, int keep) {
        List<GenericKubernetesResource> done = snapshots.stream()
                .filter(s -> Snapshots.SCHEDULED.equals(Snapshots.label(s, DatabaseObjects.BACKUP).orElse(null)))
                .filter(s -> Snapshots.ready(s) || Snapshots.error(s).isPresent())
                .sorted(Comparator.comparing((GenericKubernetesResource s) -> s.getMetadata().getName()).reversed())
                .toList();
        return done.stream().skip(keep).filter(s -> !Snapshots.held(s)).map(s -> s.getMetadata().getName()).toList();
    }

    private static List<BackupRecord> tidy(List<BackupRecord> records, Map<String, GenericKubernetesResource> byName,
            List<GenericKubernetesResource> created) {
        List<String> creating = created.stream().map(s -> s.getMetadata().getName()).toList();
        List<BackupRecord> kept = records.stream()
                .filter(r -> FAILED.equals(r.getState()) || byName.containsKey(r.getName())
                        || creating.contains(r.getName()) || PENDING.equals(r.getState()))
                .sorted(Comparator.comparing(BackupRecord::getTime).thenComparing(BackupRecord::getName).reversed())
                .collect(Collectors.toCollection(ArrayList::new));
        List<BackupRecord> failed = kept.stream().filter(r -> FAILED.equals(r.getState())).toList();
        failed.stream().skip(FAILED_RECORDS).forEach(kept::remove);
        return kept;
    }

    private static void fail(BackupRecord record, String why, List<Note> notes) {
        record.setState(FAILED);
        record.setMessage(why);
        notes.add(new Note(true, "BackupFailed", "backup " + record.getName() + " failed: " + why
                + "; the next scheduled backup is not affected"));
    }

    private static BackupRecord record(String name, Instant at, String trigger) {
        BackupRecord record = new BackupRecord();
        record.setName(name);
        record.setTime(at.toString());
        record.setTrigger(trigger);
        record.setState(PENDING);
        return record;
    }

    static Optional<String> annotation(ZeoDatabase db, String key) {
        return Optional.ofNullable(db.getMetadata().getAnnotations()).map(a -> a.get(key))
                .filter(Objects::nonNull).filter(v -> !v.isBlank());
    }
}
