package org.karlproject.operator.database;

import org.karlproject.operator.k8s.Labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.ZeoDatabase;

class BackupScenarioTest extends DatabaseScenario {

    @Test
    void scheduledBackupsCatchUpOnceAfterDowntimeAndPruningSkipsHeldSnapshots() {
        h.step("a database created at 01:30 backs up hourly, keeping 1");
        clock.set(java.time.Instant.parse("2026-11-29T01:30:00Z"));
        ZeoDatabase db = ready(DatabaseFixtures.withBackups(fresh("prod"), "0 * * * *", 1));
        // the server stamps creation with the wall clock: the schedule counts from the database's creation
        String created = h.get(db).getMetadata().getCreationTimestamp();
        java.time.Instant base = java.time.Instant.parse(created).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        assertTrue(snapshotNames().isEmpty(), "no backup for a time before the database existed");

        h.step("the operator was down for three scheduled times: one catch-up backup, for the latest");
        moveClockTo(db, base.plusSeconds(3 * 3600 + 1800).toString());
        String latest = Snapshots.scheduledName(db, base.plusSeconds(3 * 3600));
        h.await(db, "one ready backup", d -> d.getStatus().getBackups().size() == 1
                && d.getStatus().getBackups().get(0).getState() == BackupState.Ready);
        assertEquals(List.of(latest), snapshotNames());
        assertEquals(latest, status(db).getLastBackup().getName());
        assertEquals(BackupTrigger.Scheduled, status(db).getLastBackup().getTrigger());

        h.step("an evolve run holds that backup; the next two hours' backups come, keep=1 prunes only unheld ones");
        hold(latest, "evolve-1");
        moveClockTo(db, base.plusSeconds(4 * 3600).toString());
        String next = Snapshots.scheduledName(db, base.plusSeconds(4 * 3600));
        h.awaitThat("backup " + next, () -> snapshotNames().contains(next) && readyState(db, next));
        moveClockTo(db, base.plusSeconds(5 * 3600).toString());
        String third = Snapshots.scheduledName(db, base.plusSeconds(5 * 3600));
        h.awaitThat("the unheld older backup pruned", () -> snapshotNames().equals(List.of(latest, third)));
        h.awaitThat("a BackupPruned event", () -> eventReasons("prod").contains("BackupPruned"));

        h.step("a snapshot that fails is recorded as failed, with a warning; the next one is taken as usual");
        String failing = Snapshots.scheduledName(db, base.plusSeconds(6 * 3600));
        h.cluster().failSnapshot(failing);
        moveClockTo(db, base.plusSeconds(6 * 3600).toString());
        h.await(db, "failed backup recorded", d -> d.getStatus().getBackups().stream()
                .anyMatch(b -> b.getName().equals(failing) && b.getState() == BackupState.Failed));
        h.awaitThat("a BackupFailed event", () -> eventReasons("prod").contains("BackupFailed"));
        String after = Snapshots.scheduledName(db, base.plusSeconds(7 * 3600));
        moveClockTo(db, base.plusSeconds(7 * 3600).toString());
        h.awaitThat("the next backup is ready", () -> readyState(db, after));
    }

    @Test
    void backupNowIsHandledOncePerNonce() {
        ZeoDatabase db = ready(fresh("prod"));

        h.step("backup-now with nonce n1");
        annotate(db, DatabaseObjects.BACKUP_NOW, "n1");
        String first = Snapshots.onDemandName(db, "n1");
        h.awaitThat("on-demand backup ready", () -> readyState(db, first));
        assertEquals("n1", status(db).getBackupNowNonce());

        h.step("the same nonce again (any other change to the resource) takes nothing new");
        pokeAndAwaitReconcile(db, "1");
        pokeAndAwaitReconcile(db, "2");
        assertEquals(List.of(first), snapshotNames());

        h.step("a new nonce takes one more");
        annotate(db, DatabaseObjects.BACKUP_NOW, "n2");
        String second = Snapshots.onDemandName(db, "n2");
        h.awaitThat("second on-demand backup ready", () -> readyState(db, second));
        assertEquals(List.of(first, second).stream().sorted().toList(), snapshotNames());
        assertEquals(BackupTrigger.OnDemand, status(db).getLastBackup().getTrigger());
    }

    @Test
    void atTheSnapshotLimitTheDatabaseStallsAndTakesNothingUntilThereIsRoomAndOldOnDemandBackupsAgeOut() {
        ZeoDatabase spec = DatabaseFixtures.withBackups(fresh("prod"), "0 2 * * *", 2);
        spec.getSpec().setSnapshots(new org.karlproject.operator.api.database.SnapshotSpec());
        spec.getSpec().getSnapshots().setLimit(4);
        ZeoDatabase db = ready(spec);

        h.step("four on-demand backups fill the limit of 4");
        for (int i = 1; i <= 4; i++) {
            annotate(db, DatabaseObjects.BACKUP_NOW, "n" + i);
            String name = Snapshots.onDemandName(db, "n" + i);
            h.awaitThat("on-demand backup n" + i + " ready", () -> readyState(db, name));
        }
        h.awaitCondition(db, "Stalled", "True");
        var stalled = org.karlproject.operator.status.Conditions.find(status(db).getConditions(), "Stalled").orElseThrow();
        assertEquals(SnapshotLimit.REASON, stalled.getReason());
        assertTrue(stalled.getMessage().contains("spec.snapshots.limit=4"), stalled.getMessage());
        assertEquals(4, status(db).getSnapshotCount());

        h.step("a fifth backup-now waits: nothing is taken, nothing deleted, the nonce is not handled yet");
        annotate(db, DatabaseObjects.BACKUP_NOW, "n5");
        pokeAndAwaitReconcile(db, "1");
        assertEquals(4, snapshotNames().size(), snapshotNames()::toString);
        assertEquals("n4", status(db).getBackupNowNonce());

        h.step("the limit raised to 6: the waiting nonce is taken, the database is Ready again");
        editSpec(db, d -> d.getSpec().getSnapshots().setLimit(6));
        String fifth = Snapshots.onDemandName(db, "n5");
        h.awaitThat("the fifth on-demand backup ready", () -> readyState(db, fifth));
        h.awaitCondition(db, "Ready", "True");
        assertEquals(5, status(db).getSnapshotCount());

        h.step("two days later, with onDemandMaxAgeDays 1: every on-demand backup is pruned, the scheduled one taken");
        editSpec(db, d -> d.getSpec().getBackup().setOnDemandMaxAgeDays(1));
        moveClockTo(db, clock.instant().plus(java.time.Duration.ofDays(2)).toString());
        h.awaitThat("only scheduled backups left", () -> !snapshotNames().isEmpty()
                && snapshotNames().stream().allMatch(n -> n.startsWith("prod-backup-2")));
        h.awaitThat("a BackupPruned event", () -> eventReasons("prod").contains("BackupPruned"));
    }

    private boolean readyState(ZeoDatabase db, String name) {
        return status(db).getBackups().stream().filter(b -> b.getName().equals(name)).map(BackupRecord::getState)
                .anyMatch(BackupState.Ready::equals);
    }

    private void hold(String snapshot, String holder) {
        snapshots().inNamespace(NS).withName(snapshot).edit(s -> {
            var labels = new HashMap<>(s.getMetadata().getLabels());
            labels.put(Labels.HELD_BY, holder);
            s.getMetadata().setLabels(labels);
            return s;
        });
    }
}
