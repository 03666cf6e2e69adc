package org.karlproject.operator.evolve;

import org.karlproject.operator.k8s.Labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.sim.JobRun;
import org.karlproject.operator.sim.Lineage;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.VolumeContent;

/** The seed's procedure, run by the operator on the simulated cluster; and the runs that must not run it. */
class EvolveRunScenarioTest extends EvolveFixtures.Scenario {

    @Test
    void evolvesACopyAndSwitchesTheDatabaseToIt() {
        Lineage lineage = h.lineage();
        h.step("the acme production database, at karl=27 osi=3, is served writable: ZEO writes to " + live);
        h.awaitThat("ZEO writes to the live volume", () -> lineage.writesTo(NS, live).size() >= 2);

        h.step("ops ask for acme 3.31 (karl=29 osi=5): an EvolveRun");
        EvolveRun run = h.apply(EvolveFixtures.run("acme-to-3-31"));

        h.step("1. a full snapshot of the live volume is taken while the site is writable");
        h.awaitPhase(run, EvolvePhase.EnteringReadOnly);
        assertTrue(lineage.snapshot(NS, "acme-to-3-31-base").isPresent(), lineage::toString);

        h.step("2. the site and ZEO go read-only; 3. a second, consistent snapshot; 4. restored into a new volume; "
                + "5. the evolve Job runs on the copy; 6. the database switches to it; 7. writable again");
        EvolveRun done = h.awaitPhase(run, EvolvePhase.Succeeded);
        EvolveRunStatus status = done.getStatus();

        h.step("the status tells the whole story");
        assertEquals(List.of(EvolvePhase.Pending, EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving, EvolvePhase.Verifying,
                EvolvePhase.Switching, EvolvePhase.AwaitingTraffic, EvolvePhase.LeavingReadOnly), status.getSteps().stream().map(EvolveStepRecord::getName).toList());
        assertTrue(status.getSteps().stream().allMatch(s -> org.karlproject.operator.api.evolve.StepOutcome.Succeeded == s.getOutcome()
                && s.getStarted() != null && s.getFinished() != null), () -> String.valueOf(status.getSteps()));
        assertEquals(DB, status.getDatabase());
        assertEquals("acme-to-3-31-base", status.getBaseSnapshot());
        assertEquals("acme-to-3-31-final", status.getFinalSnapshot());
        assertEquals("acme-to-3-31-evolved", status.getRestoredVolume());
        assertEquals("acme-to-3-31-evolve", status.getJob());
        assertEquals(live, status.getSourceVolume());
        assertEquals(live, status.getPreviousVolume());
        assertEquals("karl=27 osi=3", status.getFrom());
        assertEquals("karl=29 osi=5", status.getTo());
        assertEquals(List.of("allowed_to_view", "creation_date", "texts", "title"), status.getReindex());
        assertNotNull(status.getReadOnlySince());
        assertNotNull(status.getReadOnlySeconds());
        assertNotNull(status.getDurationSeconds());
        assertEquals("Succeeded", SimHarness.condition(done, "Ready").orElseThrow().get("reason"));

        h.step("an event at each phase change");
        java.util.Set<String> reasons = h.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "EvolveRun".equals(e.getInvolvedObject().getKind()))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).collect(java.util.stream.Collectors.toSet());
        assertTrue(reasons.containsAll(List.of("BaseSnapshot", "EnteringReadOnly", "FinalSnapshot", "Restoring",
                "Evolving", "Verifying", "Switching", "AwaitingTraffic", "LeavingReadOnly", "Succeeded")), reasons::toString);

        h.step("verified before the switch: every check passed on the copy, and the live storage's last "
                + "transaction (asked of the read-only ZEO) is the copy's");
        assertEquals("acme-to-3-31-verify", status.getVerifyJob());
        assertEquals(Boolean.TRUE, status.getVerification().getPassed());
        assertEquals(List.of("storage", "references", "generations", "indexes"), status.getVerification().getChecks()
                .stream().map(org.karlproject.operator.api.evolve.VerificationCheck::getName).toList());
        String copyTxn = org.karlproject.operator.sim.CheckJobContract.transactionId(
                lineage.snapshot(NS, "acme-to-3-31-final").orElseThrow().lastWrite());
        assertEquals(copyTxn, status.getVerification().getLastTransaction());
        assertEquals(copyTxn, status.getEvidence().getLiveLastTransaction());
        assertEquals(copyTxn, status.getEvidence().getCopyLastTransaction());
        assertEquals("acme-to-3-31-last-txn", status.getEvidence().getJob());
        JobRun verify = h.cluster().jobRun(NS, "acme-to-3-31-verify").orElseThrow();
        assertEquals(EvolveFixtures.ACME_IMAGE, verify.image());
        assertEquals(List.of("verify"), verify.command());
        assertEquals("karl=29,osi=5", verify.env().get(EvolveJob.ENV_TO));
        assertEquals("allowed_to_view,creation_date,texts,title", verify.env().get(EvolveJob.ENV_REINDEX));
        Job verifyJob = h.client().batch().v1().jobs().inNamespace(NS).withName("acme-to-3-31-verify").get();
        assertEquals(Boolean.TRUE, verifyJob.getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getReadOnly(), "the copy is mounted read-only");
        RestrictedProfile.assertRestricted(verifyJob.getSpec().getTemplate().getSpec());
        JobRun lastTxn = h.cluster().jobRun(NS, "acme-to-3-31-last-txn").orElseThrow();
        assertEquals(List.of("zeo", "last-transaction"), lastTxn.command());
        assertTrue(lastTxn.claims().isEmpty(), "asks the server; mounts no volume");
        RestrictedProfile.assertRestricted(h.client().batch().v1().jobs().inNamespace(NS)
                .withName("acme-to-3-31-last-txn").get().getSpec().getTemplate().getSpec());

        h.step("the database serves the evolved copy at the new generations; the old volume is retained");
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        assertEquals("acme-to-3-31-evolved", db.getStatus().getActiveVolume());
        assertEquals(live, db.getStatus().getPreviousVolumes().get(0).getName());
        assertEquals(Map.of("karl", 29L, "osi", 5L), db.getStatus().getGenerations());
        assertTrue(db.getStatus().getReadOnly().getHolders().isEmpty());
        h.await(EvolveFixtures.database(DB), "to run writable again",
                d -> !d.getStatus().getReadOnly().getActive());

        h.step("lineage: the live volume was never mounted by the evolve Job nor evolved; the copy was");
        assertEquals(java.util.Set.of(NS + "/acme-to-3-31-evolved"), lineage.volumesMountedByEvolveJobs());
        assertEquals(0, lineage.volume(NS, live).orElseThrow().generation("karl"));
        VolumeContent evolved = lineage.volume(NS, "acme-to-3-31-evolved").orElseThrow();
        assertEquals(29, evolved.generation("karl"));
        assertEquals(5, evolved.generation("osi"));
        assertEquals(NS + "/" + live, evolved.identity());

        h.step("lineage: every write made to the live volume before read-only is in the switched volume");
        assertFalse(lineage.writesTo(NS, live).isEmpty());
        assertTrue(lineage.holdsAllWrites(NS, live, lineage.lastWriteId(), "acme-to-3-31-evolved"),
                () -> "missing " + lineage.missingWrites(NS, live, lineage.lastWriteId(), "acme-to-3-31-evolved"));
        h.awaitThat("ZEO writes to the evolved volume, writable again",
                () -> !lineage.writesTo(NS, "acme-to-3-31-evolved").isEmpty());

        h.step("the evolve Job: the release's image, once, told the targets and the indexes");
        JobRun jobRun = h.cluster().jobRun(NS, "acme-to-3-31-evolve").orElseThrow();
        assertEquals(EvolveFixtures.ACME_IMAGE, jobRun.image());
        assertEquals(List.of("acme-to-3-31-evolved"), jobRun.claims());
        assertEquals("karl=29,osi=5", jobRun.env().get(EvolveJob.ENV_TO));
        assertEquals("allowed_to_view,creation_date,texts,title", jobRun.env().get(EvolveJob.ENV_REINDEX));
        Job job = h.client().batch().v1().jobs().inNamespace(NS).withName("acme-to-3-31-evolve").get();
        assertEquals(0, job.getSpec().getBackoffLimit());
        RestrictedProfile.assertRestricted(job.getSpec().getTemplate().getSpec());

        h.step("the snapshots are held by the run, and have no owner: data outlives the EvolveRun");
        for (String name : List.of("acme-to-3-31-base", "acme-to-3-31-final")) {
            GenericKubernetesResource snapshot = h.client().genericKubernetesResources(org.karlproject.operator.sim.VolumeSnapshots.CONTEXT)
                    .inNamespace(NS).withName(name).get();
            assertEquals("evolverun.acme-to-3-31", snapshot.getMetadata().getLabels().get(Labels.HELD_BY));
            assertEquals(DB, snapshot.getMetadata().getLabels().get("deploy.karlproject.org/database"));
            assertTrue(snapshot.getMetadata().getOwnerReferences() == null
                    || snapshot.getMetadata().getOwnerReferences().isEmpty());
        }
    }

    @Test
    void aSucceededRunReleasesItsSnapshotsOnceItsRetainedVolumeIsNoLongerKept() {
        EvolveRun run = h.apply(EvolveFixtures.run("acme-to-3-31"));
        EvolveRun done = h.awaitPhase(run, EvolvePhase.Succeeded);

        h.step("the database keeps the retained volume (keepPreviousVolumes defaults to 1): both snapshots stay");
        h.await(EvolveFixtures.database(DB), "to list the retained volume", d -> d.getStatus().getPreviousVolumes().stream()
                .anyMatch(p -> live.equals(p.getName())));
        assertNull(h.get(run).getStatus().getSnapshotsReleasedAt());
        assertNotNull(snapshot("acme-to-3-31-base"));
        assertNotNull(snapshot("acme-to-3-31-final"));

        h.step("keepPreviousVolumes: 0: the database deletes " + live + "; then the run releases its snapshots");
        h.edit(EvolveFixtures.database(DB), d -> {
            d.getSpec().setRetention(new org.karlproject.operator.api.database.RetentionSpec());
            d.getSpec().getRetention().setKeepPreviousVolumes(0);
        });
        EvolveRun released = h.await(run, "to release its snapshots", r -> r.getStatus().getSnapshotsReleasedAt() != null);
        assertTrue(h.client().persistentVolumeClaims().inNamespace(NS).withName(live).get() == null,
                "released only once the retained volume is gone");
        h.awaitThat("both snapshots deleted", () -> snapshot("acme-to-3-31-base") == null
                && snapshot("acme-to-3-31-final") == null);
        assertEquals(EvolvePhase.Succeeded, released.getStatus().getPhase());
        assertEquals("acme-to-3-31-evolved", h.get(EvolveFixtures.database(DB)).getStatus().getActiveVolume());
        h.assertInvariantsHeld();
    }

    private GenericKubernetesResource snapshot(String name) {
        return h.client().genericKubernetesResources(org.karlproject.operator.sim.VolumeSnapshots.CONTEXT)
                .inNamespace(NS).withName(name).get();
    }

    @Test
    void aFinishedRunMakesNoWrites() {
        EvolveRun run = h.apply(EvolveFixtures.run("acme-to-3-31"));
        h.awaitPhase(run, EvolvePhase.Succeeded);
        h.await(EvolveFixtures.database(DB), "to be writable again, with no holder",
                d -> d.getStatus().getReadOnly().getHolders().isEmpty() && !d.getStatus().getReadOnly().getActive()
                        && SimHarness.condition(d, "Ready").map(c -> "True".equals(c.get("status"))).orElse(false));

        h.step("a fresh operator reconciles the finished run again, and writes nothing");
        h.operator().restart();
        long mark = h.requests().mark();
        sleepQuietly();
        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    @Test
    void nothingToEvolveSucceedsWithoutSnapshotOrReadOnly() {
        h.step("another site's database is already at acme 3.31's generations (karl=29 osi=5)");
        EvolveFixtures.database(h, "acme-current", Map.of("karl", 29L, "osi", 5L));
        h.apply(EvolveFixtures.site("acme-current", "acme-current"));
        EvolveRun run = EvolveFixtures.run("acme-current-3-31");
        run.getSpec().setSite("acme-current");
        h.apply(run);

        EvolveRun done = h.awaitPhase(run, EvolvePhase.Succeeded);
        assertEquals("NothingToEvolve", SimHarness.condition(done, "Ready").orElseThrow().get("reason"));
        assertNull(done.getStatus().getBaseSnapshot());
        assertNull(done.getStatus().getReadOnlySince());
        assertEquals(List.of(EvolvePhase.Pending), done.getStatus().getSteps().stream()
                .map(EvolveStepRecord::getName).toList());
        assertEquals(0, h.requests().snapshot().from(OperatorRunner.USER_AGENT).verb("create")
                .resource("volumesnapshots").count());
    }

    @Test
    void aDryRunEvolvesACopyOfTheBaseSnapshotAndNeverGoesReadOnly() {
        h.step("a rehearsal on the production database: dry run");
        EvolveRun run = h.apply(EvolveFixtures.run("rehearse-3-31", Map.of("dryRun", true)));
        EvolveRun done = h.awaitPhase(run, EvolvePhase.Succeeded);
        EvolveRunStatus status = done.getStatus();

        assertEquals("DryRunSucceeded", SimHarness.condition(done, "Ready").orElseThrow().get("reason"));
        assertEquals(List.of(EvolvePhase.Pending, EvolvePhase.BaseSnapshot, EvolvePhase.Restoring,
                EvolvePhase.Evolving, EvolvePhase.Verifying), status.getSteps().stream().map(EvolveStepRecord::getName).toList());
        assertEquals(Boolean.TRUE, status.getVerification().getPassed(), "a rehearsal verifies too");
        assertNull(status.getEvidence(), "no switch to prove: no last-transaction Job");
        assertTrue(h.cluster().jobRun(NS, "rehearse-3-31-last-txn").isEmpty());
        assertNull(status.getFinalSnapshot());
        assertNull(status.getReadOnlySince());
        assertNull(status.getPreviousVolume());
        assertNotNull(status.getDurationSeconds());

        h.step("the copy of the base snapshot was evolved; the live volume was not, and still serves");
        JobRun evolve = h.cluster().jobRun(NS, "rehearse-3-31-evolve").orElseThrow();
        assertEquals(JobRun.Outcome.SUCCEEDED, evolve.outcome());
        assertEquals(List.of("rehearse-3-31-evolved"), evolve.claims());
        assertEquals("true", evolve.env().get(EvolveJob.ENV_DRY_RUN));
        assertEquals(0, h.lineage().volume(NS, live).orElseThrow().generation("karl"));
        assertEquals(java.util.Set.of(NS + "/rehearse-3-31-evolved"), h.lineage().volumesMountedByEvolveJobs());
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        assertEquals(live, db.getStatus().getActiveVolume());
        assertEquals(Map.of("karl", 27L, "osi", 3L), db.getStatus().getGenerations());
        assertTrue(db.getStatus().getPreviousVolumes().isEmpty());
        assertTrue(h.cluster().zeoServers().values().stream().noneMatch(z -> z.readOnly()));

        h.step("the rehearsal leaves no copy behind");
        h.awaitThat("the copy deleted", () -> h.client().persistentVolumeClaims().inNamespace(NS)
                .withName("rehearse-3-31-evolved").get() == null);
    }

    @Test
    void oneRunPerDatabaseAtATime() {
        h.cluster().jobsRunFor(java.time.Duration.ofMillis(800));
        h.step("two runs for the same database; the first one created goes first");
        EvolveRun first = h.apply(EvolveFixtures.run("first"));
        h.awaitPhase(first, EvolvePhase.BaseSnapshot);
        EvolveRun second = h.apply(EvolveFixtures.run("second"));

        EvolveRun waiting = h.await(second, "to wait for the first", r -> SimHarness.condition(r, "Reconciling")
                .map(c -> "WaitingForDatabase".equals(c.get("reason"))).orElse(false));
        assertEquals(EvolvePhase.Pending, waiting.getStatus().getPhase());
        assertTrue(String.valueOf(SimHarness.condition(waiting, "Reconciling").orElseThrow().get("message"))
                .contains("EvolveRun first"));

        h.step("when the first has evolved the database, the second has nothing left to do");
        h.awaitPhase(first, EvolvePhase.Succeeded);
        EvolveRun done = h.awaitPhase(second, EvolvePhase.Succeeded);
        assertEquals("NothingToEvolve", SimHarness.condition(done, "Ready").orElseThrow().get("reason"));
        assertEquals(3, h.cluster().jobRuns().size(), "the first run's evolve, verify and last-transaction Jobs");
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
