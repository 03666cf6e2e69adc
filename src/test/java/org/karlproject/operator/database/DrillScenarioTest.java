package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupVerifySpec;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.SimHarness;

/**
 * Backup drills on the simulated cluster: a drill restores the newest ready scheduled backup into a scratch
 * volume, runs the release image's verify on it (the result from the lineage), marks the backup's record and
 * deletes the scratch volume, and nothing else.
 */
class DrillScenarioTest extends DatabaseScenario {
    static final String RELEASE_IMAGE = "registry.example/karl@sha256:" + "b".repeat(64);

    @Test
    void aDrillVerifiesTheNewestScheduledBackupMarksItsRecordAndDeletesOnlyItsScratchVolume() {
        h.step("a database backs up daily and drills every backup; a site serves release karl-3-30 on it");
        Instant base = servedDatabase(2);
        ZeoDatabase db = h.get(fresh("prod"));
        Set<String> volumesBefore = pvcNames();
        long mark = h.requests().mark();

        h.step("the next day's backup is taken: a drill restores it into a scratch volume and verifies it");
        String backup = Snapshots.scheduledName(db, base.plus(1, ChronoUnit.DAYS));
        ZeoDatabase drilled = nextDaysDrill(db, base, DrillResult.Passed);
        DrillStatus drill = drill(drilled).orElseThrow();
        assertEquals(backup, drill.getBackup());
        assertEquals("karl-3-30", drill.getRelease());
        assertTrue(h.cluster().jobRun(NS, drill.getJob()).orElseThrow().image().equals(RELEASE_IMAGE),
                "the verify Job runs the release image the site serves");
        assertTrue(h.cluster().jobRun(NS, drill.getJob()).orElseThrow().claims().equals(List.of(drill.getScratchVolume())),
                "the verify Job mounts only the scratch volume");
        BackupRecord record = record(drilled, backup);
        assertEquals(Boolean.TRUE, record.getVerified());
        assertNotNull(record.getVerifiedAt());
        assertEquals(List.of("storage", "references", "generations", "indexes"),
                record.getChecks().stream().map(c -> c.getName()).toList());
        assertEquals(backup, drilled.getStatus().getLastVerifiedBackup().getName());
        h.awaitCondition(db, "BackupVerified", "True");

        h.step("the scratch volume is deleted (as seen), the passed drill's Job too; nothing else was deleted");
        h.awaitThat("scratch volume gone", () -> pvc(drill.getScratchVolume()) == null);
        h.awaitThat("drill Job gone", () -> h.client().batch().v1().jobs().inNamespace(NS).withName(drill.getJob()).get() == null);
        assertEquals(volumesBefore, pvcNames(), "the live volume is untouched and no other volume went");
        assertTrue(snapshotNames().contains(backup), "the drilled snapshot is kept");
        List<ApiRequest> deletes = h.requests().snapshot().since(mark).from("karl-operator").verb("delete").list();
        assertEquals(Set.of("persistentvolumeclaims/" + drill.getScratchVolume(), "jobs/" + drill.getJob()),
                deletes.stream().map(r -> r.resource() + "/" + r.name()).collect(java.util.stream.Collectors.toSet()),
                "the operator deleted only the drill's own scratch volume and Job: " + deletes);
        assertTrue(h.lineage().volume(NS, drilled.getStatus().getActiveVolume()).isPresent());
        h.assertInvariantsHeld();

        h.step("a finished drill's database reconciles without a write");
        pokeAndAwaitReconcile(db, "settled");
        long quiet = h.requests().mark();
        pokeAndAwaitReconcile(db, "again");
        assertEquals(0, h.requests().snapshot().since(quiet).from("karl-operator").writes()
                .filter(r -> !"events".equals(r.resource())).count(), "no write after the drill ended");
    }

    @Test
    void aFailingDrillRecordsItsChecksCleansUpItsScratchVolumeAndTheConditionGoesFalse() {
        h.step("a database whose backups would not verify (sandbox annotation)");
        Instant base = servedDatabase(2);
        ZeoDatabase db = h.get(fresh("prod"));
        annotate(db, "sandbox.karlproject.org/drill-result", "Failed");

        h.step("the next backup's drill reports a failed storage check");
        String backup = Snapshots.scheduledName(db, base.plus(1, ChronoUnit.DAYS));
        ZeoDatabase failed = nextDaysDrill(db, base, DrillResult.Failed);
        DrillStatus drill = drill(failed).orElseThrow();
        assertEquals("ChecksFailed", drill.getReason());
        assertTrue(drill.getMessage().contains("storage"), drill.getMessage());
        assertEquals(Boolean.FALSE, record(failed, backup).getVerified());
        assertNull(failed.getStatus().getLastVerifiedBackup());
        ZeoDatabase withCondition = h.awaitCondition(db, "BackupVerified", "False");
        assertEquals("DrillFailed", SimHarness.condition(withCondition, "BackupVerified").orElseThrow().get("reason"));
        assertTrue(eventReasons("prod").contains("DrillFailed"));

        h.step("its scratch volume is deleted; the backup and the live volume stay; its Job stays for its log");
        h.awaitThat("scratch volume gone", () -> pvc(drill.getScratchVolume()) == null);
        assertTrue(snapshotNames().contains(backup));
        assertNotNull(pvc(failed.getStatus().getActiveVolume()));
        assertNotNull(h.client().batch().v1().jobs().inNamespace(NS).withName(drill.getJob()).get());

        h.step("the next backup drills again, this time a verify Job that fails outright: JobFailed");
        editSpec(db, d -> d.getMetadata().getAnnotations().remove("sandbox.karlproject.org/drill-result"));
        h.cluster().failJobs(JobMatcher.matching().where(j -> j.getMetadata().getLabels() != null
                && j.getMetadata().getLabels().containsKey(Labels.DRILL)
                && !j.getMetadata().getName().equals(drill.getJob())));
        moveClockTo(db, base.plus(2, ChronoUnit.DAYS).toString());
        ZeoDatabase again = h.await(db, "the second drill failed", d -> drill(d).map(x -> !x.getId().equals(drill.getId())
                && x.getResult() == DrillResult.Failed).orElse(false));
        assertEquals("JobFailed", drill(again).orElseThrow().getReason());
        h.awaitThat("the first drill's Job is swept once the next drill started",
                () -> h.client().batch().v1().jobs().inNamespace(NS).withName(drill.getJob()).get() == null);
        h.awaitThat("no scratch volume left", () -> pvcNames().stream().noneMatch(n -> n.contains("-drill-")));
    }

    @Test
    void aDrillInProgressIsFoundAgainAfterARestartAndRunsOnce() {
        h.step("the scratch volume of the drill stays Pending (a slow restore)");
        DrillStatus drill = drill(drillWaitingForItsRestore()).orElseThrow();
        ZeoDatabase db = h.get(fresh("prod"));

        h.step("the operator restarts mid-drill; the restore then completes");
        h.operator().stop();
        long restarted = h.requests().mark();
        h.operator().restart();
        h.cluster().bindPendingPvcs();
        ZeoDatabase done = h.await(db, "the same drill passed", d -> drill(d).map(x -> x.getId().equals(drill.getId())
                && x.getResult() == DrillResult.Passed).orElse(false));
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> r.labels().containsKey(Labels.DRILL)).count(),
                "one verify Job ran: the restarted operator found the drill's children");
        for (String resource : List.of("persistentvolumeclaims", "jobs")) {
            assertEquals(0, h.requests().snapshot().since(restarted).from("karl-operator").verb("create")
                    .resource(resource).filter(r -> r.status() < 300).count(), "no " + resource + " made again after the restart");
        }
        h.awaitThat("scratch volume gone", () -> pvc(drill.getScratchVolume()) == null);
    }

    @Test
    void aDatabaseDeletedMidDrillRetainsItsDataButNotTheDrillsScratchVolume() {
        h.step("a drill's scratch volume stays Pending (a slow restore); the database (deletionPolicy Retain) is deleted");
        ZeoDatabase running = drillWaitingForItsRestore();
        ZeoDatabase db = h.get(fresh("prod"));
        DrillStatus drill = drill(running).orElseThrow();
        String live = running.getStatus().getActiveVolume();
        long mark = h.requests().mark();
        h.client().resource(h.get(db)).delete();
        h.awaitDeleted(db);

        h.step("the live volume and the drilled backup are retained, labelled orphaned; the scratch copy is deleted");
        h.awaitThat("the scratch volume deleted", () -> pvc(drill.getScratchVolume()) == null);
        assertEquals("true", pvc(live).getMetadata().getLabels().get(DatabaseObjects.ORPHANED));
        assertTrue(snapshotNames().contains(drill.getBackup()), "the drilled backup is kept");
        List<ApiRequest> deletes = h.requests().snapshot().since(mark).from("karl-operator").verb("delete")
                .resource("persistentvolumeclaims").list();
        assertEquals(List.of(drill.getScratchVolume()), deletes.stream().map(ApiRequest::name).toList(),
                "the only volume the operator deleted is the drill's scratch copy: " + deletes);
        h.assertInvariantsHeld();
    }

    @Test
    void theConditionGoesFalseWhenTheNewestVerifiedBackupGrowsOlderThanMaxAge() {
        h.step("a drill verifies the next day's backup; verify.maxAgeHours is 2");
        Instant base = servedDatabase(2);
        ZeoDatabase db = h.get(fresh("prod"));
        moveClockTo(db, base.plus(1, ChronoUnit.DAYS).toString());
        h.await(db, "verified", d -> d.getStatus().getLastVerifiedBackup() != null);
        h.awaitCondition(db, "BackupVerified", "True");

        h.step("three hours later no newer backup is verified: BackupVerified goes False, VerifiedBackupTooOld");
        moveClockTo(db, base.plus(1, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS).toString());
        ZeoDatabase old = h.awaitCondition(db, "BackupVerified", "False");
        assertEquals("VerifiedBackupTooOld", SimHarness.condition(old, "BackupVerified").orElseThrow().get("reason"));
        assertTrue(Conditions(old).contains("Ready"), "the kstatus conditions stay");
    }

    @Test
    void aScheduledDrillRunsOncePerCronTimeOnTheNewestReadyScheduledBackup() {
        h.step("hourly backups; a daily drill at five past the hour two hours after the database was created");
        servedDatabase(48);
        ZeoDatabase db = h.get(fresh("prod"));
        Instant base = Instant.parse(db.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.HOURS);
        Instant drillAt = base.plus(2, ChronoUnit.HOURS).plus(5, ChronoUnit.MINUTES);
        java.time.ZonedDateTime at = drillAt.atZone(java.time.ZoneOffset.UTC);
        editSpec(db, d -> {
            d.getSpec().getBackup().setSchedule("0 * * * *");
            d.getSpec().getBackup().getVerify().setEveryNthBackup(null);
            d.getSpec().getBackup().getVerify().setSchedule(at.getMinute() + " " + at.getHour() + " * * *");
        });

        h.step("an hour on: a backup, but the drill's time has not come");
        moveClockTo(db, base.plus(1, ChronoUnit.HOURS).toString());
        String first = Snapshots.scheduledName(db, base.plus(1, ChronoUnit.HOURS));
        h.await(db, "backup " + first + " ready", d -> d.getStatus().getBackups().stream()
                .anyMatch(b -> b.getName().equals(first) && b.getState() == org.karlproject.operator.api.database.BackupState.Ready));
        pokeAndAwaitReconcile(db, "before the drill's time");
        assertNull(h.get(db).getStatus().getDrill(), "no drill before its time");

        h.step("at the drill's time: one drill, of the newest ready scheduled backup");
        moveClockTo(db, drillAt.toString());
        ZeoDatabase drilled = h.await(db, "the drill passed", d -> drill(d).map(x -> x.getResult() == DrillResult.Passed)
                .orElse(false));
        DrillStatus drill = drill(drilled).orElseThrow();
        assertEquals("schedule " + drillAt, drill.getDue());
        assertTrue(List.of(first, Snapshots.scheduledName(db, base.plus(2, ChronoUnit.HOURS))).contains(drill.getBackup()),
                drill.getBackup());

        h.step("the next hours' backups come; the drill's next time is tomorrow: no other drill");
        moveClockTo(db, drillAt.plus(1, ChronoUnit.HOURS).toString());
        String later = Snapshots.scheduledName(db, base.plus(3, ChronoUnit.HOURS));
        h.await(db, "backup " + later + " recorded", d -> d.getStatus().getBackups().stream()
                .anyMatch(b -> b.getName().equals(later)));
        pokeAndAwaitReconcile(db, "after the drill");
        assertEquals(drill.getId(), drill(h.get(db)).orElseThrow().getId());
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> r.labels().containsKey(Labels.DRILL)).count());
    }

    /**
     * A database created now, backing up daily at midnight (keep 3) and drilling every backup (maxAge
     * {@code maxAgeHours}), served by site acme on release karl-3-30; returns midnight of its creation day.
     */
    private Instant servedDatabase(int maxAgeHours) {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName("karl-3-30").withNamespace(NS).build());
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setImage(RELEASE_IMAGE);
        release.setSpec(spec);
        createWithStatus(release, r -> r.setStatus(new ReleaseIndexStatus()));
        KarlSite site = DatabaseFixtures.site("acme", "prod", SiteMode.Normal);
        createWithStatus(site, s -> {
            KarlSiteStatus status = new KarlSiteStatus();
            status.setActiveRelease("karl-3-30");
            s.setStatus(status);
        });
        ZeoDatabase db = DatabaseFixtures.withBackups(fresh("prod"), "0 0 * * *", 3);
        BackupVerifySpec verify = new BackupVerifySpec();
        verify.setEveryNthBackup(1);
        verify.setMaxAgeHours(maxAgeHours);
        db.getSpec().getBackup().setVerify(verify);
        ZeoDatabase created = ready(db);
        return Instant.parse(created.getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * Database prod (as {@link #servedDatabase}) whose next day's drill runs, its scratch volume kept Pending
     * (a slow restore) and its verify Job created: returns the database as seen then.
     */
    private ZeoDatabase drillWaitingForItsRestore() {
        Instant base = servedDatabase(2);
        ZeoDatabase db = h.get(fresh("prod"));
        h.cluster().keepPending(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey(Labels.DRILL));
        moveClockTo(db, base.plus(1, ChronoUnit.DAYS).toString());
        ZeoDatabase running = h.await(db, "a drill runs", d -> drill(d).map(x -> x.getResult() == DrillResult.Running)
                .orElse(false));
        DrillStatus drill = drill(running).orElseThrow();
        h.awaitThat("its scratch volume and Job exist", () -> pvc(drill.getScratchVolume()) != null
                && h.client().batch().v1().jobs().inNamespace(NS).withName(drill.getJob()).get() != null);
        return running;
    }

    /** Moves the clock to the next day's backup and awaits its drill ending in {@code result}. */
    private ZeoDatabase nextDaysDrill(ZeoDatabase db, Instant base, DrillResult result) {
        moveClockTo(db, base.plus(1, ChronoUnit.DAYS).toString());
        return h.await(db, "the drill " + result, d -> drill(d).map(x -> x.getResult() == result).orElse(false));
    }

    private static Optional<DrillStatus> drill(ZeoDatabase db) {
        return Optional.ofNullable(db.getStatus()).map(s -> s.getDrill());
    }

    private static BackupRecord record(ZeoDatabase db, String backup) {
        return db.getStatus().getBackups().stream().filter(b -> b.getName().equals(backup)).findFirst().orElseThrow();
    }

    private static List<String> Conditions(ZeoDatabase db) {
        return db.getStatus().getConditions().stream().map(c -> c.getType()).toList();
    }

    private Set<String> pvcNames() {
        return new TreeSet<>(h.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).toList());
    }
}
