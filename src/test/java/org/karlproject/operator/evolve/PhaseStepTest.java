package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.StepOutcome;
import org.karlproject.operator.api.evolve.SwitchBackReason;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;

/**
 * Phase decisions, without a server: an in-memory world, a fixed time; the intents of each step's plan are
 * recorded ({@code actions}) and carried out on the world, as the reconciler's child writer would.
 */
class PhaseStepTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final EvolveSettings SETTINGS = new EvolveSettings(Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofSeconds(30));
    static final String UID = "4f1c2b1e-run";

    final Map<String, HasMetadata> objects = new HashMap<>();
    final List<EvolveRun> runs = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    EvolveRun run;
    EvolveRunStatus status;

    @BeforeEach
    void world() {
        run = EvolveFixtures.run("run");
        run.getMetadata().setUid(UID);
        run.getMetadata().setCreationTimestamp("2026-11-29T09:00:00Z");
        runs.add(run);
        status = new EvolveRunStatus();
        Phases.start(status, T0);
        run.setStatus(status);
        put(siteRollingOutTo(EvolveFixtures.TARGET));
        put(database(Map.of("karl", 27L, "osi", 3L), null));
        for (ReleaseIndex release : EvolveFixtures.releases()) {
            ReleaseIndexStatus rs = new ReleaseIndexStatus();
            rs.setConditions(List.of(ready()));
            rs.setGenerations(new TreeMap<>(release.getMetadata().getName().equals(EvolveFixtures.TARGET)
                    ? Map.of("karl", 29L, "osi", 5L) : Map.of("karl", 28L)));
            release.setStatus(rs);
            put(release);
        }
    }

    // ---- Pending ----

    @Test
    void pendingRecordsWhereTheRunStartsAndGoesToTheBaseSnapshot() {
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.BaseSnapshot, step.next());
        assertEquals(EvolveFixtures.DB, status.getDatabase());
        assertEquals("acme-production-data", status.getSourceVolume());
        assertEquals("karl=27 osi=3", status.getFrom());
        assertEquals("karl=29 osi=5", status.getTo());
        assertEquals(List.of("allowed_to_view", "creation_date", "texts", "title"), status.getReindex());
        assertEquals(List.of("claim ConfigMap acme-production-evolve-claim"), actions,
                "Pending creates only its claim on the database");
    }

    @Test
    void pendingWaitsForWhatIsMissing() {
        objects.remove("KarlSite/" + EvolveFixtures.SITE);
        assertEquals("SiteMissing", step(T0).verdict().reason());
        put(EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB));
        objects.remove("ReleaseIndex/" + EvolveFixtures.TARGET);
        assertEquals("ReleaseMissing", step(T0).verdict().reason());
        objects.remove("ZeoDatabase/" + EvolveFixtures.DB);
        Step<EvolvePhase> step = step(T0);
        assertEquals("DatabaseMissing", step.verdict().reason());
        assertEquals(Health.State.PROGRESSING, step.verdict().state());
        assertFalse(step.moves());
    }

    @Test
    void pendingStallsOnAnInvalidSpec() {
        run.getSpec().setCommand(List.of(""));
        Health verdict = StatusWriter.invalidSpec(run).orElseThrow(); // the skeleton's check, before any handler
        assertEquals("InvalidSpec", verdict.reason());
        assertEquals(Health.State.STALLED, verdict.state());
        assertTrue(verdict.message().contains("spec.command[0]"), verdict.message());
    }

    @Test
    void nothingToEvolveWhenTheDatabaseIsAtTheTarget() {
        put(database(Map.of("karl", 29L, "osi", 5L), null));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Succeeded, step.next());
        assertEquals("NothingToEvolve", step.verdict().reason());
        assertNull(status.getSourceVolume());
    }

    @Test
    void aDatabaseWithoutGenerationsIsNoEvidenceSoTheRunWaitsForThem() {
        put(database(Map.of(), null)); // no release served it yet, or the cache has not seen them recorded
        Step<EvolvePhase> step = step(T0);
        assertFalse(step.moves(), "neither NothingToEvolve nor an evolve from an unknown generation");
        assertEquals(PendingHandler.UNINITIALISED, step.verdict().reason());
        assertTrue(actions.isEmpty(), () -> "no claim, no snapshot: " + actions);
        put(database(Map.of("karl", 28L), null));
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "once recorded, the run goes on");
    }

    @Test
    void aRunWaitsAtAdmissionWhileItsTwoSnapshotsWouldNotFitUnderTheDatabasesSnapshotLimit() {
        ZeoDatabase db = database(Map.of("karl", 27L, "osi", 3L), null);
        db.getStatus().setSnapshotCount(99); // the default limit is 100: room for one, the run needs two
        put(db);
        Step<EvolvePhase> step = step(T0);
        assertFalse(step.moves());
        assertEquals("SnapshotLimitReached", step.verdict().reason());
        assertTrue(step.verdict().message().contains("spec.snapshots.limit=100"), step.verdict().message());
        assertTrue(actions.isEmpty(), () -> "no claim, no snapshot: " + actions);
        db.getStatus().setSnapshotCount(98);
        put(db);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "with room for both, the run goes on");
    }

    @Test
    void aDryRunNeedsRoomForItsBaseSnapshotOnly() {
        ZeoDatabase db = database(Map.of("karl", 27L, "osi", 3L), null);
        db.getStatus().setSnapshotCount(100);
        put(db);
        run.getSpec().setDryRun(true);
        assertEquals("SnapshotLimitReached", step(T0).verdict().reason());
        db.getStatus().setSnapshotCount(99);
        put(db);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "a rehearsal takes its base snapshot only: it fits");
    }

    @Test
    void anotherRunPastPendingHoldsTheDatabase() {
        EvolveRun other = rival("other", "2026-11-29T09:30:00Z", EvolvePhase.Evolving);
        Step<EvolvePhase> step = step(T0);
        assertFalse(step.moves());
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun other"));
        other.getStatus().setPhase(EvolvePhase.Failed);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
    }

    @Test
    void twoPendingRunsTieBreakByCreationThenName() {
        rival("aaa", "2026-11-29T09:00:00Z", EvolvePhase.Pending);
        assertEquals("WaitingForDatabase", step(T0).verdict().reason(), "same time: the first name goes first");
        runs.removeIf(r -> r.getMetadata().getName().equals("aaa"));
        rival("zzz", "2026-11-29T09:00:00Z", EvolvePhase.Pending);
        rival("later", "2026-11-29T09:10:00Z", EvolvePhase.Pending);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
    }

    @Test
    void aRivalCreatedAMomentAgoWithoutStatusIsSeenThroughItsSpec() {
        EvolveRun rival = EvolveFixtures.run("aaa");
        rival.getMetadata().setCreationTimestamp("2026-11-29T09:00:00Z");
        runs.add(rival); // no status yet: its database is its site's
        Step<EvolvePhase> step = step(T0);
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun aaa"), step.verdict().message());
    }

    @Test
    void theClaimAdmitsOneRunAtATimeAndAStaleOneIsReleased() {
        EvolveRun other = EvolveFixtures.run("zzz");
        other.getMetadata().setUid("uid-zzz");
        other.getMetadata().setCreationTimestamp("2026-11-29T09:30:00Z");
        put(AdmissionClaim.of(other, EvolveFixtures.DB)); // zzz claimed first (this run's cache did not show it)
        runs.add(other);
        Step<EvolvePhase> step = step(T0);
        assertFalse(step.moves());
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun zzz holds"), step.verdict().message());
        assertTrue(actions.isEmpty(), () -> actions.toString());

        other.setStatus(new EvolveRunStatus());
        other.getStatus().setPhase(EvolvePhase.Failed); // finished without releasing (an operator crash)
        assertFalse(step(T0).moves());
        assertEquals(List.of("release ConfigMap acme-production-evolve-claim"), actions);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
        assertEquals(UID, AdmissionClaim.holderUid((io.fabric8.kubernetes.api.model.ConfigMap)
                objects.get("ConfigMap/acme-production-evolve-claim")));

        status.setPhase(EvolvePhase.Succeeded);
        actions.clear();
        step(T0);
        assertEquals(List.of("release ConfigMap acme-production-evolve-claim"), actions, "released when it ends");
    }

    @Test
    void aManualRunWaitsUntilItsSiteRollsOutToItsRelease() {
        put(siteRollingOutTo("acme-3-30"));
        Step<EvolvePhase> step = step(T0);
        assertFalse(step.moves());
        assertEquals("NoRolloutToRelease", step.verdict().reason());
        assertTrue(step.verdict().message().contains("KarlSite acme-production has no rollout to acme-3-31"),
                step.verdict().message());
        assertTrue(step.verdict().message().contains("its target is acme-3-30"), step.verdict().message());
        assertTrue(actions.isEmpty(), "nothing claimed, nothing created");
        run.getSpec().setDryRun(true);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "a dry run is always allowed");
        run.getSpec().setDryRun(false);
        put(EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB)); // no status at all
        assertEquals("NoRolloutToRelease", step(T0).verdict().reason());
        run.getMetadata().setAnnotations(Map.of(org.karlproject.operator.k8s.Labels.SITE_GENERATION, "3"));
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "the site's own run");
    }

    // ---- snapshots ----

    @Test
    void theBaseSnapshotIsCreatedOnceUnderItsRecordedName() {
        enter(EvolvePhase.BaseSnapshot);
        assertEquals("run-base", status.getBaseSnapshot());
        Step<EvolvePhase> first = step(T0);
        assertFalse(first.moves());
        assertEquals(List.of("create VolumeSnapshot run-base"), actions);
        put(snapshot("run-base", false, null));
        Step<EvolvePhase> again = step(T0.plusSeconds(10));
        assertFalse(again.moves());
        assertEquals(1, actions.size(), "found, not created again");
        put(snapshot("run-base", true, null));
        assertEquals(EvolvePhase.EnteringReadOnly, step(T0.plusSeconds(20)).next());
        run.getSpec().setDryRun(true);
        assertEquals(EvolvePhase.Restoring, step(T0.plusSeconds(20)).next(), "a dry run restores the base snapshot");
    }

    @Test
    void aSnapshotErrorOrDeadlineFailsTheRun() {
        enter(EvolvePhase.BaseSnapshot);
        put(snapshot("run-base", false, null));
        assertEquals("SnapshotTimedOut", step(T0.plus(SETTINGS.snapshotDeadline())).verdict().reason());
        put(snapshot("run-base", false, "quota exceeded"));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("SnapshotFailed", step.verdict().reason());
        assertTrue(step.message().contains("quota exceeded"));
    }

    // ---- read-only, budget, evolve, switch ----

    @Test
    void enteringReadOnlyWaitsForTheDatabaseToListTheHold() {
        enter(EvolvePhase.EnteringReadOnly);
        assertEquals(Phases.time(T0), status.getReadOnlySince());
        assertEquals("EnteringReadOnly", step(T0).verdict().reason());
        put(database(Map.of("karl", 27L, "osi", 3L), "run"));
        assertEquals(EvolvePhase.FinalSnapshot, step(T0.plusSeconds(5)).next());
    }

    @Test
    void theBudgetAbortsEveryPhaseBeforeTheSwitchAndTheSwitchHasItsOwnDeadline() {
        enter(EvolvePhase.EnteringReadOnly);
        Instant late = T0.plusSeconds(run.getSpec().getReadOnlyBudgetSeconds());
        for (EvolvePhase phase : List.of(EvolvePhase.EnteringReadOnly, EvolvePhase.FinalSnapshot,
                EvolvePhase.Restoring, EvolvePhase.Evolving)) {
            status.setPhase(phase);
            assertEquals("ReadOnlyBudgetExceeded", step(late).verdict().reason(), phase.name());
        }
        status.setPhase(EvolvePhase.Switching);
        status.setRestoredVolume("run-evolved");
        Step<EvolvePhase> switching = step(late);
        assertEquals(EvolvePhase.SwitchingBack, switching.next(), "from Switching the way back is the switch back");
        assertEquals(SwitchBackReason.SwitchDeadlineExceeded, status.getSwitchBackReason(), "Switching has its own deadline");
    }

    @Test
    void aWaitingPhaseLooksAgainWhenTheBudgetRunsOut() {
        enter(EvolvePhase.EnteringReadOnly);
        Step<EvolvePhase> step = step(T0.plusSeconds(1000));
        assertEquals(Duration.ofSeconds(800), step.recheck());
    }

    @Test
    void anEvolveJobPastItsDeadlineFailsTheRun() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Evolving);
        put(copy("Bound", UID));
        step(T0);
        assertEquals(List.of("create Job run-evolve"), actions);
        Job job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("run-evolve")
                .withLabels(Map.of(org.karlproject.operator.k8s.Labels.OWNER_UID, UID)).endMetadata().withStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder()
                        .withType("Failed").withStatus("True").withReason("DeadlineExceeded").build()).build()).build();
        put(job);
        assertEquals("EvolveJobDeadlineExceeded", step(T0.plusSeconds(60)).verdict().reason());
    }

    // ---- Verifying ----

    static final String PASSED = "{\"checks\":[{\"name\":\"storage\",\"passed\":true},{\"name\":\"generations\","
            + "\"passed\":true}],\"objects\":7,\"transactions\":7,\"lastTransaction\":\"0000000000000007\"}";

    @Test
    void verifyingChecksTheCopyThenTheLiveLastTransactionThenSwitches() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        assertEquals("run-verify", status.getVerifyJob(), "named on entering the phase");
        assertFalse(step(T0).moves());
        assertEquals(List.of("create Job run-verify"), actions);
        Job verify = (Job) objects.get("Job/run-verify");
        assertEquals(Boolean.TRUE, verify.getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getReadOnly());
        assertEquals(List.of("verify"), verify.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());

        finish(verify, "Complete", "verify-uid");
        assertFalse(step(T0).moves(), "complete, but its pod (the result) is not seen yet");
        put(checkPod("run-verify", "verify-uid", PASSED));
        assertFalse(step(T0).moves());
        assertEquals(Boolean.TRUE, status.getVerification().getPassed());
        assertEquals("0000000000000007", status.getVerification().getLastTransaction());
        assertEquals(List.of("create Job run-verify", "create Job run-last-txn"), actions);
        Job lastTxn = (Job) objects.get("Job/run-last-txn");
        assertEquals(List.of("zeo", "last-transaction"), lastTxn.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getCommand());

        finish(lastTxn, "Complete", "txn-uid");
        put(checkPod("run-last-txn", "txn-uid", "{\"lastTransaction\":\"0000000000000007\"}"));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Switching, step.next());
        assertEquals("0000000000000007", status.getEvidence().getLiveLastTransaction());
        assertEquals("0000000000000007", status.getEvidence().getCopyLastTransaction());
    }

    @Test
    void aFailedCheckFailsTheRunNamingIt() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        step(T0);
        finish((Job) objects.get("Job/run-verify"), "Complete", "verify-uid");
        put(checkPod("run-verify", "verify-uid", PASSED.replace("\"generations\",\"passed\":true",
                "\"generations\",\"passed\":false,\"detail\":\"karl=28 (expected 29)\"")));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("VerificationFailed", step.verdict().reason());
        assertTrue(step.message().contains("generations (karl=28 (expected 29))"), step.message());
        assertFalse(actions.contains("create Job run-last-txn"));
    }

    @Test
    void aPodNotControlledByTheJobIsNoResult() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        step(T0);
        finish((Job) objects.get("Job/run-verify"), "Complete", "verify-uid");
        put(checkPod("run-verify", "someone-else", PASSED));
        assertFalse(step(T0).moves());
        assertNull(status.getVerification());
        assertEquals("VerificationFailed", step(T0.plus(SETTINGS.restoreDeadline()).plusSeconds(1)).verdict().reason(),
                "no result within the restore deadline");
    }

    @Test
    void aDifferentLiveTransactionRefusesTheSwitch() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        step(T0);
        finish((Job) objects.get("Job/run-verify"), "Complete", "verify-uid");
        put(checkPod("run-verify", "verify-uid", PASSED));
        step(T0);
        finish((Job) objects.get("Job/run-last-txn"), "Complete", "txn-uid");
        put(checkPod("run-last-txn", "txn-uid", "{\"lastTransaction\":\"0000000000000009\"}"));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("WritesAfterFinalSnapshot", step.verdict().reason());
        assertNull(status.getEvidence());
    }

    @Test
    void aDryRunSucceedsOnAPassingVerificationWithoutAskingZeo() {
        run.getSpec().setDryRun(true);
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        step(T0);
        finish((Job) objects.get("Job/run-verify"), "Complete", "verify-uid");
        put(checkPod("run-verify", "verify-uid", PASSED));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Succeeded, step.next());
        assertEquals("DryRunSucceeded", step.verdict().reason());
        assertEquals(List.of("create Job run-verify"), actions);
    }

    @Test
    void aVerifyJobPastItsDeadlineFailsTheVerification() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        step(T0);
        Job verify = (Job) objects.get("Job/run-verify");
        verify.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason("DeadlineExceeded").build()).build());
        Step<EvolvePhase> step = step(T0);
        assertEquals("VerificationFailed", step.verdict().reason());
        assertTrue(step.message().contains("ran longer than spec.activeDeadlineSeconds"), step.message());
        assertEquals(Boolean.FALSE, status.getVerification().getPassed());
    }

    @Test
    void aForeignVerifyJobIsNameTaken() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Verifying);
        put(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("run-verify")
                .endMetadata().build());
        assertEquals(Ownership.NAME_TAKEN, step(T0).verdict().reason());
    }

    // ---- snapshot retention ----

    @Test
    void aSucceededRunReleasesItsOwnSnapshotsOnlyOnceNothingNeedsTheRetainedVolume() {
        status.setBaseSnapshot("run-base");
        status.setFinalSnapshot("run-final");
        status.setPreviousVolume("acme-production-data");
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Succeeded);
        put(snapshot("run-base", true, null));
        put(snapshot("run-final", true, null));
        ZeoDatabase db = database(Map.of("karl", 29L, "osi", 5L), null);
        db.getStatus().setActiveVolume("run-evolved");
        org.karlproject.operator.api.database.PreviousVolume previous = new org.karlproject.operator.api.database.PreviousVolume();
        previous.setName("acme-production-data");
        db.getStatus().setPreviousVolumes(new ArrayList<>(List.of(previous)));
        put(db);
        PersistentVolumeClaim retained = copy("Bound", "db-uid");
        retained.getMetadata().setName("acme-production-data");
        put(retained);

        step(T0);
        assertEquals(List.of(), actions, "the database keeps the retained volume");
        db.getStatus().getPreviousVolumes().clear();
        step(T0);
        assertEquals(List.of(), actions, "its PVC still exists");
        objects.remove("PersistentVolumeClaim/acme-production-data");
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        org.karlproject.operator.api.site.RollbackOption option = new org.karlproject.operator.api.site.RollbackOption();
        option.setVolume("acme-production-data");
        site.getStatus().getRollback().add(option);
        put(site);
        step(T0);
        assertEquals(List.of(), actions, "a site's rollback option names it");
        site.getStatus().getRollback().clear();
        step(T0);
        assertEquals(List.of("delete VolumeSnapshot run-base", "delete VolumeSnapshot run-final"), actions);
        assertNotNull(status.getSnapshotsReleasedAt());
        actions.clear();
        step(T0);
        assertEquals(List.of(), actions, "released once");
    }

    @Test
    void aFailedRunKeepsItsSnapshots() {
        status.setBaseSnapshot("run-base");
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Failed);
        put(snapshot("run-base", true, null));
        step(T0);
        assertFalse(actions.stream().anyMatch(a -> a.startsWith("delete VolumeSnapshot")), actions::toString);
    }

    private void finish(Job job, String type, String uid) {
        job.getMetadata().setUid(uid);
        job.setStatus(new JobStatusBuilder().withStartTime("2026-11-29T10:00:00Z").withCompletionTime("2026-11-29T10:00:05Z")
                .withConditions(new JobConditionBuilder().withType(type).withStatus("True").build()).build());
    }

    private static io.fabric8.kubernetes.api.model.Pod checkPod(String job, String jobUid, String message) {
        return new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(job + "-x")
                .withLabels(Map.of("job-name", job)).addNewOwnerReference().withKind("Job").withName(job).withUid(jobUid)
                .endOwnerReference().endMetadata().withNewStatus().addNewContainerStatus().withNewState().withNewTerminated()
                .withExitCode(0).withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void switchingRecordsThePreviousVolumeOnceTheDatabaseServesTheCopy() {
        status.setSourceVolume("acme-production-data");
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Switching);
        ZeoDatabase db = database(Map.of("karl", 29L, "osi", 5L), "run");
        db.getStatus().setActiveVolume("run-evolved");
        put(db);
        assertEquals(EvolvePhase.AwaitingTraffic, step(T0).next());
        enter(EvolvePhase.AwaitingTraffic);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        put(site);
        assertFalse(step(T0).moves(), "read-only until the site's traffic is on the release");
        assertEquals(null, status.getPreviousVolume());
        site.getStatus().setActiveRelease(run.getSpec().getRelease());
        site.getStatus().setSwitchedAt(T0.toString());
        assertEquals(EvolvePhase.LeavingReadOnly, step(T0).next());
        assertEquals("acme-production-data", status.getPreviousVolume());
        enter(EvolvePhase.LeavingReadOnly);
        assertFalse(step(T0).moves(), "still listed as a holder");
        put(database(Map.of("karl", 29L, "osi", 5L), null));
        assertEquals(EvolvePhase.Succeeded, step(T0).next());
    }

    @Test
    void aSiteMissingFromTheCacheSendsTheRunBackOnlyOnceItHasStayedMissing() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.AwaitingTraffic);
        objects.remove("KarlSite/" + EvolveFixtures.SITE);
        Step<EvolvePhase> first = step(T0);
        assertFalse(first.moves(), "a cache that has not caught up (a restart) looks the same as a deletion");
        assertEquals(EvolveSettings.SITE_MISSING_GRACE, first.recheck());
        assertEquals(T0.toString(), status.getSiteMissingSince());
        assertFalse(step(T0.plusSeconds(5)).moves());
        assertEquals(EvolvePhase.SwitchingBack, step(T0.plus(EvolveSettings.SITE_MISSING_GRACE).plusSeconds(1)).next(),
                "gone for good: the database goes back to the original");

        status.setPhase(EvolvePhase.AwaitingTraffic);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        put(site);
        assertFalse(step(T0.plusSeconds(120)).moves());
        assertNull(status.getSiteMissingSince(), "seen again: the clock starts anew");
    }

    @Test
    void aRunItsSiteCancelsFailsBeforeTheSwitchAndSwitchesBackAfterIt() {
        status.setSourceVolume("acme-production-data");
        status.setRestoredVolume("run-evolved");
        status.setDatabase(EvolveFixtures.DB);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        site.getStatus().setCancelEvolveRuns(new ArrayList<>(List.of("run")));
        put(site);
        for (EvolvePhase phase : List.of(EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving)) {
            status.setPhase(phase);
            Step<EvolvePhase> step = step(T0);
            assertEquals(EvolvePhase.Failed, step.next(), phase::toString);
            assertEquals("Cancelled", step.verdict().reason(), phase::toString);
        }
        for (EvolvePhase phase : List.of(EvolvePhase.Switching, EvolvePhase.AwaitingTraffic)) {
            status.setPhase(phase);
            assertEquals(EvolvePhase.SwitchingBack, step(T0).next(), phase::toString);
            assertEquals(SwitchBackReason.Cancelled, status.getSwitchBackReason());
        }
        enter(EvolvePhase.SwitchingBack);
        ZeoDatabase db = database(Map.of("karl", 29L, "osi", 5L), "run");
        db.getStatus().setActiveVolume("run-evolved");
        put(db);
        assertFalse(step(T0).moves(), "until the database serves the original again");
        put(database(Map.of("karl", 27L, "osi", 3L), "run"));
        Step<EvolvePhase> failed = step(T0);
        assertEquals(EvolvePhase.Failed, failed.next());
        assertEquals("Cancelled", failed.verdict().reason());
    }

    // ---- child identity (invariant 3) and first consumers ----

    @Test
    void aChildNameHeldByAnotherFailsTheRunInPendingBeforeAnythingIsCreated() {
        put(copy("Bound", "another-run-uid"));
        Step<EvolvePhase> step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("NameTaken", step.verdict().reason());
        assertTrue(step.message().contains("PersistentVolumeClaim run-evolved"), step.message());
        assertTrue(step.message().contains("another-run-uid"), step.message());
        assertTrue(actions.isEmpty());
        objects.remove("PersistentVolumeClaim/run-evolved");
        put(copy("Bound", null));
        assertEquals("NameTaken", step(T0).verdict().reason(), "no label: not the run's either");
    }

    @Test
    void everyPhaseRefusesAForeignChildAndNeverTouchesIt() {
        enter(EvolvePhase.BaseSnapshot);
        GenericKubernetesResource foreign = snapshot("run-base", true, null);
        foreign.getMetadata().getLabels().put(org.karlproject.operator.k8s.Labels.OWNER_UID, "old-run-uid");
        put(foreign);
        assertEquals("NameTaken", step(T0).verdict().reason(), "a ready snapshot of a deleted run of the same name");
        status.setFinalSnapshot("run-final");
        put(snapshot("run-final", true, null));
        enter(EvolvePhase.Restoring);
        put(copy("Bound", "old-run-uid"));
        assertEquals("NameTaken", step(T0).verdict().reason(), "a Bound copy of a deleted run");
        enter(EvolvePhase.Evolving);
        assertEquals("NameTaken", step(T0).verdict().reason(), "never mounted by the Job");
        assertTrue(actions.isEmpty(), () -> actions.toString());
        status.setPhase(EvolvePhase.Failed);
        run.getSpec().setKeepRestoredVolumeOnFailure(false);
        step(T0);
        run.getSpec().setDryRun(true);
        status.setPhase(EvolvePhase.Succeeded);
        step(T0);
        assertTrue(actions.isEmpty(), () -> "neither labelled nor deleted: " + actions);
    }

    @Test
    void restoringEndsOnceTheClaimExistsAndTheJobsPodIsItsFirstConsumer() {
        status.setFinalSnapshot("run-final");
        put(snapshot("run-final", true, null));
        enter(EvolvePhase.Restoring);
        step(T0);
        assertEquals(List.of("create PersistentVolumeClaim run-evolved"), actions);
        put(copy("Pending", UID));
        assertEquals(EvolvePhase.Evolving, step(T0.plusSeconds(1)).next(), "Pending (WaitForFirstConsumer) is enough");
        put(copy("Lost", UID));
        assertEquals("RestoreFailed", step(T0.plusSeconds(1)).verdict().reason());

        put(copy("Pending", UID));
        enter(EvolvePhase.Evolving);
        actions.clear();
        Step<EvolvePhase> started = step(T0);
        assertEquals(List.of("create Job run-evolve"), actions);
        assertFalse(started.moves());
        put(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("run-evolve")
                .withLabels(Map.of(org.karlproject.operator.k8s.Labels.OWNER_UID, UID)).endMetadata().build());
        Step<EvolvePhase> unbound = step(T0.plusSeconds(10));
        assertFalse(unbound.moves(), "waits for the copy to bind");
        assertEquals(SETTINGS.restoreDeadline().minusSeconds(10), unbound.recheck());
        assertEquals("RestoreTimedOut", step(T0.plus(SETTINGS.restoreDeadline())).verdict().reason());
    }

    // ---- bookkeeping and terminal phases ----

    @Test
    void aPhaseChangeClosesTheStepAndRecordsTheNextNamesBeforeAnythingIsCreated() {
        Phases.apply(status, Steps.advance(EvolvePhase.BaseSnapshot, "go"), run, T0.plusSeconds(3));
        assertEquals(2, status.getSteps().size());
        assertEquals(StepOutcome.Succeeded, status.getSteps().get(0).getOutcome());
        assertEquals(StepOutcome.Running, status.getSteps().get(1).getOutcome());
        assertEquals("run-base", status.getBaseSnapshot());
        Phases.apply(status, Steps.fail("SnapshotFailed", "boom"), run, T0.plusSeconds(9));
        assertEquals(EvolvePhase.Failed, status.getPhase());
        assertEquals(StepOutcome.Failed, status.getSteps().get(1).getOutcome());
        assertEquals(9L, status.getDurationSeconds());
        assertEquals(2, status.getSteps().size(), "no record for a terminal phase");
    }

    @Test
    void aFailedRunLabelsItsCopyOnceAndThenDoesNothing() {
        status.setRestoredVolume("run-evolved");
        status.setPhase(EvolvePhase.Failed);
        PersistentVolumeClaim copy = copy("Bound", UID);
        put(copy);
        step(T0);
        assertEquals(List.of("label run-evolved deploy.karlproject.org/inspect=true"), actions);
        copy.getMetadata().getLabels().put(ChildNames.INSPECT_LABEL, "true");
        actions.clear();
        Step<EvolvePhase> step = step(T0);
        assertTrue(actions.isEmpty());
        assertNull(step.verdict(), "the recorded verdict stays");
    }

    // ---- helpers ----

    /**
     * One decision as the reconciler takes it: the phase's handler decides, its intents are carried out on the
     * world; a step that stays and whose plan wrote (a create or an edit) is decided again on what it wrote.
     */
    private Step<EvolvePhase> step(Instant now) {
        Step<EvolvePhase> step = decide(now);
        if (!step.moves() && carryOut(step.plan())) {
            step = decide(now);
            carryOut(step.plan());
        }
        return step;
    }

    private Step<EvolvePhase> decide(Instant now) {
        EvolveContext ctx = new EvolveContext(run, status, now, SETTINGS, new MapWorld());
        return Phases.handler(status.getPhase()).handle(ctx, status);
    }

    /** Records and carries out the plan's intents; whether one created or edited an object. */
    private boolean carryOut(Plan plan) {
        boolean wrote = false;
        for (Intent intent : plan.intents()) {
            if (intent instanceof Intent.Create c) {
                HasMetadata object = c.object();
                actions.add((object instanceof ConfigMap ? "claim " : "create ") + object.getKind() + " "
                        + object.getMetadata().getName());
                if (!objects.containsKey(object.getKind() + "/" + object.getMetadata().getName())) { // else a 409
                    put(object);
                    wrote = true;
                }
            } else if (intent instanceof Intent.Edit<?> e) {
                wrote |= edit(e);
            } else if (intent instanceof Intent.Delete d) {
                HasMetadata object = d.object();
                actions.add((object instanceof ConfigMap ? "release " : "delete ") + object.getKind() + " "
                        + object.getMetadata().getName());
                objects.remove(object.getKind() + "/" + object.getMetadata().getName());
            } else {
                actions.add("ensure " + intent);
            }
        }
        return wrote;
    }

    /** An edit is a label here: recorded as {@code label <name> <key>=<value>} for every label it sets. */
    private <T extends HasMetadata> boolean edit(Intent.Edit<T> edit) {
        T cached = edit.cached();
        Map<String, String> before = new HashMap<>(Optional.ofNullable(cached.getMetadata().getLabels()).orElse(Map.of()));
        T changed = edit.change().apply(io.fabric8.kubernetes.client.utils.Serialization.clone(cached));
        changed.getMetadata().getLabels().forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                actions.add("label " + cached.getMetadata().getName() + " " + key + "=" + value);
            }
        });
        put(changed);
        return true;
    }

    private void enter(EvolvePhase phase) {
        status.setDatabase(EvolveFixtures.DB);
        status.setSourceVolume("acme-production-data");
        status.setToGenerations(new TreeMap<>(Map.of("karl", 29L, "osi", 5L)));
        Phases.apply(status, Steps.advance(phase, "test"), run, T0);
    }

    private EvolveRun rival(String name, String created, EvolvePhase phase) {
        EvolveRun other = EvolveFixtures.run(name);
        other.getMetadata().setCreationTimestamp(created);
        other.setStatus(new EvolveRunStatus());
        other.getStatus().setDatabase(EvolveFixtures.DB);
        other.getStatus().setPhase(phase);
        runs.add(other);
        return other;
    }

    private void put(HasMetadata object) {
        objects.put(object.getKind() + "/" + object.getMetadata().getName(), object);
    }

    private static Condition ready() {
        return new ConditionBuilder().withType("Ready").withStatus("True").withReason("Ok").build();
    }

    private static ZeoDatabase database(Map<String, Long> generations, String holder) {
        ZeoDatabase db = EvolveFixtures.database(EvolveFixtures.DB);
        ZeoDatabaseStatus s = new ZeoDatabaseStatus();
        s.setActiveVolume("acme-production-data");
        s.setGenerations(new TreeMap<>(generations));
        s.setConditions(List.of(ready()));
        ReadOnlyStatus ro = new ReadOnlyStatus();
        ro.setActive(holder != null);
        if (holder != null) {
            ReadOnlyHolder h = new ReadOnlyHolder();
            h.setKind(org.karlproject.operator.api.database.HolderKind.EvolveRun);
            h.setName(holder);
            ro.setHolders(List.of(h));
        }
        s.setReadOnly(ro);
        db.setStatus(s);
        return db;
    }

    private static KarlSite siteRollingOutTo(String release) {
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setPhase(org.karlproject.operator.api.site.RolloutPhase.Evolving);
        site.getStatus().setTargetRelease(release);
        return site;
    }

    /** The restored PVC {@code run-evolved} in {@code phase}, labelled as made by {@code ownerUid} (null: no label). */
    private static PersistentVolumeClaim copy(String phase, String ownerUid) {
        Map<String, String> labels = new HashMap<>();
        if (ownerUid != null) {
            labels.put(org.karlproject.operator.k8s.Labels.OWNER_UID, ownerUid);
        }
        return new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("run-evolved").withLabels(labels).endMetadata().withNewStatus().withPhase(phase).endStatus()
                .build();
    }

    private static GenericKubernetesResource snapshot(String name, boolean ready, String error) {
        EvolveRun maker = EvolveFixtures.run("run");
        maker.getMetadata().setUid(UID);
        GenericKubernetesResource snapshot = EvolveSnapshots.of(maker, name, "acme-production-data",
                EvolveFixtures.DB, null);
        Map<String, Object> s = new HashMap<>();
        s.put("readyToUse", ready);
        s.put("restoreSize", "2Gi");
        if (error != null) {
            s.put("error", Map.of("message", error));
        }
        snapshot.setAdditionalProperty("status", s);
        return snapshot;
    }

    private final class MapWorld implements World {
        private <T extends HasMetadata> Optional<T> find(Class<T> type, String kind, String name) {
            return Optional.ofNullable(objects.get(kind + "/" + name)).map(type::cast);
        }

        public Optional<KarlSite> site(String name) {
            return find(KarlSite.class, "KarlSite", name);
        }

        public Optional<ZeoDatabase> database(String name) {
            return find(ZeoDatabase.class, "ZeoDatabase", name);
        }

        public Optional<ReleaseIndex> release(String name) {
            return find(ReleaseIndex.class, "ReleaseIndex", name);
        }

        public List<ReleaseIndex> releases() {
            return objects.values().stream().filter(ReleaseIndex.class::isInstance).map(ReleaseIndex.class::cast).toList();
        }

        public List<EvolveRun> runs() {
            return runs;
        }

        public Optional<GenericKubernetesResource> snapshot(String name) {
            return find(GenericKubernetesResource.class, "VolumeSnapshot", name);
        }

        public Optional<PersistentVolumeClaim> volume(String name) {
            return find(PersistentVolumeClaim.class, "PersistentVolumeClaim", name);
        }

        public Optional<Job> job(String name) {
            return find(Job.class, "Job", name);
        }

        public List<KarlSite> sites() {
            return objects.values().stream().filter(KarlSite.class::isInstance).map(KarlSite.class::cast).toList();
        }

        public List<io.fabric8.kubernetes.api.model.Pod> jobPods(String job) {
            return objects.values().stream().filter(io.fabric8.kubernetes.api.model.Pod.class::isInstance)
                    .map(io.fabric8.kubernetes.api.model.Pod.class::cast)
                    .filter(p -> job.equals(p.getMetadata().getLabels().get("job-name"))).toList();
        }

        public Optional<io.fabric8.kubernetes.api.model.ConfigMap> claim(String database) {
            return find(io.fabric8.kubernetes.api.model.ConfigMap.class, "ConfigMap", AdmissionClaim.name(database));
        }
    }
}
