package org.karlproject.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;

class DomainMetricsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final KarlSite site = named(new KarlSite(), "acme-staging");

    static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(T resource, String name) {
        resource.getMetadata().setName(name);
        resource.getMetadata().setNamespace("karl-acme");
        return resource;
    }

    final DomainMetrics metrics = new DomainMetrics(registry);

    @AfterEach
    void close() {
        registry.close();
    }

    static KarlSiteStatus site(String target, String active, String activeRelease, RolloutPhase phase) {
        KarlSiteStatus status = new KarlSiteStatus();
        status.setTargetRevision(target);
        status.setActiveRevision(active);
        status.setActiveRelease(activeRelease);
        status.setPhase(phase);
        return status;
    }

    double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRolloutIsCountedOnceWhenItStartsAndOnceWhenItSwitches() {
        KarlSiteStatus stable = site("r1", "r1", "acme-3-30", RolloutPhase.Stable);
        KarlSiteStatus deploying = site("r2", "r1", "acme-3-30", RolloutPhase.Deploying);
        KarlSiteStatus smoke = site("r2", "r1", "acme-3-30", RolloutPhase.SmokeChecking);
        KarlSiteStatus switched = site("r2", "r2", "acme-3-31", RolloutPhase.Stable);

        metrics.record(site, stable, deploying);
        metrics.record(site, deploying, smoke);
        metrics.record(site, smoke, switched);

        assertEquals(1, count("karl_rollouts_started_total", "site", "acme-staging"));
        assertEquals(1, count("karl_rollouts_succeeded_total", "site", "acme-staging"));
        assertEquals(1, registry.find("karl_site_active_release").tags("release", "acme-3-31").gauge().value());
        assertNull(registry.find("karl_site_active_release").tags("release", "acme-3-30").gauge(),
                "the old release's series is gone");
    }

    @Test
    void anAbortIsCountedWithItsReason() {
        KarlSiteStatus aborted = site("r2", "r1", "acme-3-30", RolloutPhase.Aborted);
        Condition stalled = new ConditionBuilder().withType("Stalled").withStatus("True").withReason("SmokeCheckFailed").build();
        aborted.setConditions(List.of(stalled));

        metrics.record(site, site("r2", "r1", "acme-3-30", RolloutPhase.SmokeChecking), aborted);
        metrics.record(site, aborted, aborted);

        assertEquals(1, count("karl_rollouts_aborted_total", "reason", "SmokeCheckFailed"));
    }

    @Test
    void evolvePhasesAreTimedAndTheReadOnlyWindowRecorded() {
        EvolveRun run = named(new EvolveRun(), "acme-staging-acme-3-31");
        EvolveRunStatus running = new EvolveRunStatus();
        EvolveStepRecord step = new EvolveStepRecord();
        step.setName(EvolvePhase.Evolving);
        step.setStarted("2026-11-29T10:00:00Z");
        running.setSteps(List.of(step));
        EvolveRunStatus done = new EvolveRunStatus();
        EvolveStepRecord finished = new EvolveStepRecord();
        finished.setName(EvolvePhase.Evolving);
        finished.setStarted("2026-11-29T10:00:00Z");
        finished.setFinished("2026-11-29T10:00:42Z");
        done.setSteps(List.of(finished));
        done.setPhase(EvolvePhase.Succeeded);
        done.setReadOnlySeconds(50L);

        metrics.record(run, running, done);
        metrics.record(run, done, done);

        assertEquals(42.0, registry.find("karl_evolve_phase_seconds").tags("phase", "Evolving").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, count("karl_evolve_runs_total", "outcome", "Succeeded"));
        assertEquals(50.0, registry.find("karl_evolve_read_only_seconds").summary().totalAmount());
    }

    @Test
    void backupsAreCountedWhenTheyBecomeReadyOrFail() {
        ZeoDatabase db = named(new ZeoDatabase(), "acme-production");
        ZeoDatabaseStatus pending = new ZeoDatabaseStatus();
        pending.setBackups(List.of(backup("b1", "Pending"), backup("b0", "Ready")));
        ZeoDatabaseStatus after = new ZeoDatabaseStatus();
        after.setBackups(List.of(backup("b2", "Failed"), backup("b1", "Ready"), backup("b0", "Ready")));

        metrics.record(db, pending, after);

        assertEquals(1, count("karl_backups_total", "outcome", "ready"));
        assertEquals(1, count("karl_backups_total", "outcome", "failed"));
    }

    static BackupRecord backup(String name, String state) {
        BackupRecord record = new BackupRecord();
        record.setName(name);
        record.setState(org.karlproject.operator.api.database.BackupState.valueOf(state));
        return record;
    }

    @Test
    void aTrainsSitesPerStateItsHaltsAndItsDurationAreMeasured() {
        org.karlproject.operator.api.train.ReleaseTrain train = named(new org.karlproject.operator.api.train.ReleaseTrain(), "weekly");
        ReleaseTrainStatus moving = train(TrainPhase.Progressing, Map.of(SiteState.InProgress, 2, SiteState.Waiting, 3));
        moving.setStartedAt("2026-12-01T10:00:00Z");
        ReleaseTrainStatus halted = train(TrainPhase.Halted, Map.of(SiteState.Failed, 2, SiteState.Waiting, 3));
        halted.setStartedAt(moving.getStartedAt());
        halted.setFinishedAt("2026-12-01T10:30:00Z");

        metrics.record(train, null, moving);
        assertEquals(2, registry.find("karl_train_sites").tags("train", "weekly", "state", "InProgress").gauge().value());
        metrics.record(train, moving, halted);
        metrics.record(train, halted, halted);

        assertEquals(0, registry.find("karl_train_sites").tags("train", "weekly", "state", "InProgress").gauge().value());
        assertEquals(2, registry.find("karl_train_sites").tags("train", "weekly", "state", "Failed").gauge().value());
        assertEquals(1, count("karl_train_halts_total", "train", "weekly"), "counted once, when it halts");
        var duration = registry.find("karl_train_duration_seconds").tags("train", "weekly").timer();
        assertEquals(1, duration.count());
        assertEquals(1800, duration.totalTime(java.util.concurrent.TimeUnit.SECONDS), 0.001);
    }

    static ReleaseTrainStatus train(TrainPhase phase, Map<SiteState, Integer> counts) {
        ReleaseTrainStatus status = new ReleaseTrainStatus();
        status.setPhase(phase);
        status.setCounts(new java.util.TreeMap<>(counts));
        return status;
    }

    @Test
    void anEvolveVerificationIsCountedOnceByResult() {
        EvolveRun run = named(new EvolveRun(), "evolve-1");
        EvolveRunStatus verifying = new EvolveRunStatus();
        verifying.setPhase(EvolvePhase.Verifying);
        EvolveRunStatus verified = new EvolveRunStatus();
        verified.setPhase(EvolvePhase.Verifying);
        org.karlproject.operator.api.evolve.Verification passed = new org.karlproject.operator.api.evolve.Verification();
        passed.setPassed(true);
        verified.setVerification(passed);
        metrics.record(run, verifying, verified);
        metrics.record(run, verified, verified);
        assertEquals(1.0, count("karl_evolve_verifications_total", "result", "passed"));
        EvolveRunStatus failed = new EvolveRunStatus();
        org.karlproject.operator.api.evolve.Verification bad = new org.karlproject.operator.api.evolve.Verification();
        bad.setPassed(false);
        failed.setVerification(bad);
        metrics.record(run, null, failed);
        assertEquals(1.0, count("karl_evolve_verifications_total", "result", "failed"));
    }

    @Test
    void aDrillIsCountedWhenItEndsAndTheLastVerifiedBackupIsAGauge() {
        ZeoDatabase db = named(new ZeoDatabase(), "acme-production");
        ZeoDatabaseStatus running = new ZeoDatabaseStatus();
        org.karlproject.operator.api.database.DrillStatus drill = new org.karlproject.operator.api.database.DrillStatus();
        drill.setId("d1");
        drill.setResult(org.karlproject.operator.api.database.DrillResult.Running);
        running.setDrill(drill);
        ZeoDatabaseStatus passed = new ZeoDatabaseStatus();
        org.karlproject.operator.api.database.DrillStatus done = new org.karlproject.operator.api.database.DrillStatus();
        done.setId("d1");
        done.setResult(org.karlproject.operator.api.database.DrillResult.Passed);
        passed.setDrill(done);
        BackupRecord verified = new BackupRecord();
        verified.setName("acme-production-backup-20261129-0200");
        verified.setTime("2026-11-29T02:00:00Z");
        passed.setLastVerifiedBackup(verified);
        metrics.record(db, running, passed);
        metrics.record(db, passed, passed);
        assertEquals(1.0, count("karl_backup_drills_total", "database", "acme-production", "result", "passed"));
        assertEquals(java.time.Instant.parse("2026-11-29T02:00:00Z").getEpochSecond(), registry
                .find("karl_backup_last_verified_timestamp_seconds").tags("database", "acme-production").gauge().value());
    }

    @Test
    void aPackIsCountedOnceWhenItEndsAndItsSizeAfterIsAGauge() {
        ZeoDatabase db = named(new ZeoDatabase(), "acme-production");
        ZeoDatabaseStatus running = new ZeoDatabaseStatus();
        running.setPack(pack("2026-11-29T03:00:00Z", PackResult.Running));
        ZeoDatabaseStatus packed = new ZeoDatabaseStatus();
        PackStatus done = pack("2026-11-29T03:00:00Z",
                PackResult.Succeeded);
        done.setSizeBeforeBytes(40_000L);
        done.setSizeAfterBytes(12_000L);
        done.setDurationSeconds(42L);
        packed.setPack(done);
        metrics.record(db, null, running);
        metrics.record(db, running, packed);
        metrics.record(db, packed, packed);
        assertEquals(1.0, count("karl_pack_total", "database", "acme-production", "result", "succeeded"));
        assertEquals(12_000.0, registry.find("karl_pack_size_after_bytes").tags("database", "acme-production")
                .gauge().value());
        assertEquals(42.0, registry.find("karl_pack_duration_seconds").tags("database", "acme-production")
                .gauge().value());
        ZeoDatabaseStatus failed = new ZeoDatabaseStatus();
        failed.setPack(pack("2026-12-06T03:00:00Z", PackResult.Failed));
        metrics.record(db, packed, failed);
        assertEquals(1.0, count("karl_pack_total", "database", "acme-production", "result", "failed"));
        assertEquals(12_000.0, registry.find("karl_pack_size_after_bytes").tags("database", "acme-production")
                .gauge().value());
    }

    private static PackStatus pack(String id,
            PackResult result) {
        PackStatus pack = new PackStatus();
        pack.setId(id);
        pack.setResult(result);
        return pack;
    }
}
