package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;

/**
 * A failure in any phase before Switching ends the run Failed with a reason; the original volume keeps
 * serving, unchanged and writable; the hold is released; the copy is kept for inspection (or deleted).
 */
class EvolveFailureScenarioTest {
    static final EvolveSettings SHORT = new EvolveSettings(Duration.ofSeconds(30), Duration.ofSeconds(4),
            Duration.ofMillis(500));

    SimHarness h;
    String live;

    @BeforeEach
    void start() {
        h = SimHarness.start(EvolveFixtures.operator(SHORT));
        live = EvolveFixtures.world(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void baseSnapshotError() {
        h.cluster().failSnapshot("run-base");
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run")), "SnapshotFailed", EvolvePhase.BaseSnapshot);
        assertNull(failed.getStatus().getReadOnlySince(), "never read-only");
        assertNull(failed.getStatus().getRestoredVolume());
    }

    @Test
    void finalSnapshotError() {
        h.cluster().failSnapshot("run-final");
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run")), "SnapshotFailed", EvolvePhase.FinalSnapshot);
        assertTrue(failed.getStatus().getReadOnlySeconds() != null);
    }

    @Test
    void restoreStuckPending() {
        h.cluster().keepPending("run-evolved");
        // Restoring ends once the claim exists (it may wait for its first consumer, the evolve Job's pod);
        // the copy that never binds fails the run in Evolving, within the restore deadline
        failsWith(h.apply(EvolveFixtures.run("run")), "RestoreTimedOut", EvolvePhase.Evolving);
        h.awaitThat("the copy is kept, labelled for inspection", () -> inspect("run-evolved"));
    }

    @Test
    void evolveJobFails() {
        h.cluster().failJobs(JobMatcher.matching().name("run-evolve"));
        failsWith(h.apply(EvolveFixtures.run("run")), "EvolveJobFailed", EvolvePhase.Evolving);
        h.awaitThat("the copy is kept, labelled for inspection", () -> inspect("run-evolved"));
        assertEquals(0, h.lineage().volume(NS, "run-evolved").orElseThrow().generation("karl"));

        h.step("a fresh operator reconciles the failed run again and writes nothing");
        h.operator().restart();
        long mark = h.requests().mark();
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    @Test
    void evolveJobFailsAndTheCopyIsDeletedWhenAsked() {
        h.cluster().failJobs(JobMatcher.matching().name("run-evolve"));
        failsWith(h.apply(EvolveFixtures.run("run", Map.of("keepRestoredVolumeOnFailure", false))),
                "EvolveJobFailed", EvolvePhase.Evolving);
        h.awaitThat("the copy is deleted", () -> volume("run-evolved") == null);
    }

    @Test
    void evolveJobPastItsDeadline() {
        h.cluster().hangJobs(JobMatcher.matching().name("run-evolve"));
        failsWith(h.apply(EvolveFixtures.run("run", Map.of("activeDeadlineSeconds", 1))),
                "EvolveJobDeadlineExceeded", EvolvePhase.Evolving);
    }

    @Test
    void readOnlyBudgetExceeded() {
        h.cluster().hangJobs(JobMatcher.matching().name("run-evolve"));
        // which phase the budget runs out in depends on the machine's speed: any of those before the switch
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run", Map.of("readOnlyBudgetSeconds", 1))),
                "ReadOnlyBudgetExceeded", EvolvePhase.EnteringReadOnly, EvolvePhase.FinalSnapshot,
                EvolvePhase.Restoring, EvolvePhase.Evolving);
        assertTrue(failed.getStatus().getReadOnlySeconds() >= 1);
        if (failed.getStatus().getJob() != null) {
            h.awaitThat("the running evolve Job is stopped", () -> h.client().batch().v1().jobs().inNamespace(NS)
                    .withName("run-evolve").get() == null);
        }
    }

    @Test
    void verificationFailsAndNothingIsSwitched() {
        h.step("the release is annotated (sandbox knob) so that its verify Job reports a failed check");
        h.edit(EvolveFixtures.release(EvolveFixtures.TARGET), r -> r.getMetadata().setAnnotations(
                Map.of("sandbox.karlproject.org/verify-result", "Failed")));
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run")), "VerificationFailed", EvolvePhase.Verifying);
        String message = String.valueOf(SimHarness.condition(failed, "Stalled").orElseThrow().get("message"));
        assertTrue(message.contains("indexes"), message);
        assertEquals(Boolean.FALSE, failed.getStatus().getVerification().getPassed());
        assertEquals(List.of(false), failed.getStatus().getVerification().getChecks().stream()
                .filter(c -> c.getName().equals("indexes")).map(c -> c.getPassed()).toList());
        assertNull(failed.getStatus().getEvidence(), "no last-transaction Job after a failed verification");
        h.awaitThat("the evolved copy is kept, labelled for inspection", () -> inspect("run-evolved"));
        h.awaitThat("a Warning event names the failure", () -> h.client().v1().events().inNamespace(NS).list()
                .getItems().stream().anyMatch(e -> "VerificationFailed".equals(e.getReason())));
        h.assertInvariantsHeld();
    }

    @Test
    void aVerifyJobThatFailsFailsTheRun() {
        h.cluster().failJobs(JobMatcher.matching().name("run-verify"));
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run")), "VerificationFailed", EvolvePhase.Verifying);
        assertEquals(Boolean.FALSE, failed.getStatus().getVerification().getPassed());
        h.awaitThat("the evolved copy is kept, labelled for inspection", () -> inspect("run-evolved"));
        h.assertInvariantsHeld();
    }

    @Test
    void aDryRunWhoseVerificationFailsFails() {
        h.edit(EvolveFixtures.release(EvolveFixtures.TARGET), r -> r.getMetadata().setAnnotations(
                Map.of("sandbox.karlproject.org/verify-result", "Failed")));
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("rehearsal", Map.of("dryRun", true))),
                "VerificationFailed", EvolvePhase.Verifying);
        assertNull(failed.getStatus().getReadOnlySince(), "a rehearsal is never read-only");
        h.assertInvariantsHeld();
    }

    @Test
    void aWriteAfterTheFinalSnapshotIsSeenAndTheRunRefusesToSwitch() {
        h.step("a writer ignores read-only (sandbox knob on the ZeoDatabase): it writes after the final snapshot");
        h.edit(EvolveFixtures.database(DB), d -> d.getMetadata().setAnnotations(
                Map.of("sandbox.karlproject.org/write-after-final", "true")));
        EvolveRun failed = failsWith(h.apply(EvolveFixtures.run("run")), "WritesAfterFinalSnapshot", EvolvePhase.Verifying);
        String message = String.valueOf(SimHarness.condition(failed, "Stalled").orElseThrow().get("message"));
        assertTrue(message.contains(failed.getStatus().getVerification().getLastTransaction()), message);
        assertEquals(Boolean.TRUE, failed.getStatus().getVerification().getPassed(), "the copy itself was sound");
        assertNull(failed.getStatus().getEvidence());

        h.step("the original keeps every write, those after the final snapshot included");
        long finalLast = h.lineage().snapshot(NS, "run-final").orElseThrow().lastWrite();
        assertTrue(h.lineage().writesTo(NS, live).stream().anyMatch(w -> w.id() > finalLast), "written after the final");
        assertTrue(h.lineage().holdsAllWrites(NS, live, h.lineage().lastWriteId(), live));
        h.assertInvariantsHeld();
    }

    /** Awaits Failed with {@code reason}, in one of {@code phases}, and checks that nothing was lost. */
    private EvolveRun failsWith(EvolveRun run, String reason, EvolvePhase... phases) {
        h.step("the run fails in " + List.of(phases) + " with " + reason);
        EvolveRun failed = h.awaitPhase(run, EvolvePhase.Failed);
        assertEquals(reason, SimHarness.condition(failed, "Stalled").orElseThrow().get("reason"));
        assertEquals("False", SimHarness.condition(failed, "Ready").orElseThrow().get("status"));
        List<EvolveStepRecord> steps = failed.getStatus().getSteps();
        EvolveStepRecord last = steps.get(steps.size() - 1);
        assertTrue(List.of(phases).contains(last.getName()), "failed in " + last.getName());
        assertEquals(org.karlproject.operator.api.evolve.StepOutcome.Failed, last.getOutcome());

        h.step("the original volume keeps serving, untouched, and writable again");
        ZeoDatabase db = h.await(EvolveFixtures.database(DB), "to be writable with no holder",
                d -> d.getStatus().getReadOnly().getHolders().isEmpty() && !d.getStatus().getReadOnly().getActive());
        assertEquals(live, db.getStatus().getActiveVolume());
        assertEquals(Map.of("karl", 27L, "osi", 3L), db.getStatus().getGenerations());
        assertTrue(db.getStatus().getPreviousVolumes().isEmpty());
        assertFalse(h.lineage().wasMountedByEvolveJob(NS, live));
        assertEquals(0, h.lineage().volume(NS, live).orElseThrow().generation("karl"));
        long mark = h.lineage().lastWriteId();
        h.awaitThat("ZEO writes to the original volume again", () -> h.lineage().writesTo(NS, live).stream()
                .anyMatch(w -> w.id() > mark));
        return failed;
    }

    private PersistentVolumeClaim volume(String name) {
        return h.client().persistentVolumeClaims().inNamespace(NS).withName(name).get();
    }

    private boolean inspect(String name) {
        PersistentVolumeClaim pvc = volume(name);
        return pvc != null && "true".equals(pvc.getMetadata().getLabels().get(ChildNames.INSPECT_LABEL));
    }
}
