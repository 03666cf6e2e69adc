package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.JobRule;

/**
 * The order of an upgrade that evolves the database, and its ways back, watched against invariant 1 ("code
 * and data move together") by the simulated cluster's invariant monitor ({@code h.assertInvariantsHeld()}).
 */
class EvolveOrderScenariosTest extends SiteScenario {

    /** Site acme on 3.30, Ready, and the database at karl 28; then the invariant is watched. */
    private String installedAndWatched() {
        h.apply(ref("acme"));
        String revision = awaitActive("acme", R330).getStatus().getActiveRevision();
        awaitDatabase("to record karl 28 from the first release", db -> karl(28).equals(db.getGenerations()));
        return revision;
    }

    private void slowSmokeCheck() {
        h.cluster().onJobs(JobRule.succeed(JobMatcher.matching().namePrefix("acme-smoke")).after(Duration.ofSeconds(2)));
    }

    private void slowEvolveJob() {
        h.cluster().onJobs(JobRule.succeed(evolveJobs("acme")).after(Duration.ofSeconds(2)));
    }

    private EvolveRun run(String name) {
        return h.get(awaitEvolveRun(name));
    }

    @Test
    void theDatabaseStaysReadOnlyUntilTrafficIsOnTheEvolvedRelease() {
        installedAndWatched();
        slowSmokeCheck();

        h.step("ops set spec.release to 3.32 (karl 29): the evolve runs before any 3.32 pod exists");
        editSpec("acme", spec -> spec.setRelease(R332));

        h.step("during the smoke check the database serves the evolved copy and is still read-only");
        KarlSite site = awaitPhase("acme", RolloutPhase.SmokeChecking);
        assertEquals(karl(29), database().getGenerations());
        assertTrue(database().getReadOnly().getActive(), "read-only during the smoke check");
        assertEquals(EvolvePhase.AwaitingTraffic, run(siteRun("acme", R332)).getStatus().getPhase());

        h.step("traffic switches, then the database is writable and the run has succeeded");
        site = awaitActive("acme", R332);
        EvolveRun done = h.awaitPhase(run(siteRun("acme", R332)), EvolvePhase.Succeeded);
        assertTrue(!java.time.Instant.parse(done.getStatus().getReadOnlySince())
                .plusSeconds(done.getStatus().getReadOnlySeconds())
                .isBefore(java.time.Instant.parse(site.getStatus().getSwitchedAt())),
                "the read-only window ends at or after the switch");
        awaitDatabase("to be writable", db -> !db.getReadOnly().getActive());
        h.assertInvariantsHeld();
        List<EvolvePhase> order = done.getStatus().getSteps().stream().map(s -> s.getName()).toList();
        assertEquals(List.of(EvolvePhase.Pending, EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving, EvolvePhase.Verifying,
                EvolvePhase.Switching, EvolvePhase.AwaitingTraffic, EvolvePhase.LeavingReadOnly), order);
    }

    @Test
    void theCandidateStartsOnlyOnTheEvolvedCopy() {
        installedAndWatched();
        slowEvolveJob();

        h.step("ops set spec.release to 3.32: while the evolve Job runs there is no 3.32 pod");
        editSpec("acme", spec -> spec.setRelease(R332));
        h.await(jobRef(siteRun("acme", R332) + "-evolve"), "to run", j -> true);
        assertEquals(RolloutPhase.Evolving, site("acme").getStatus().getPhase());
        assertTrue(releaseDeployments("acme", R332).stream().allMatch(d -> replicas(d, 0)),
                "no 3.32 pod before the evolve");
        awaitActive("acme", R332);
        h.assertInvariantsHeld();
    }

    @Test
    void aFailedSmokeCheckAfterTheEvolveGoesBackToTheOriginalVolume() {
        String served = installedAndWatched();
        String live = database().getActiveVolume();
        h.cluster().failJobs(JobMatcher.matching().namePrefix("acme-smoke"));

        h.step("the smoke check of 3.32 fails after the evolve: the rollout aborts");
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitPhase("acme", RolloutPhase.Aborted);

        h.step("the run asks the database to serve its original volume again; the copy is kept for inspection");
        EvolveRun failed = h.awaitPhase(run(siteRun("acme", R332)), EvolvePhase.Failed);
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        assertEquals(served, servedRevision("acme"));
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        PersistentVolumeClaim copy = h.client().persistentVolumeClaims().inNamespace(NS)
                .withName(failed.getStatus().getRestoredVolume()).get();
        assertTrue(copy != null && copy.getMetadata().getDeletionTimestamp() == null, "the evolved copy is retained");
        assertEquals(List.of(), h.lineage().writesTo(NS, copy.getMetadata().getName()),
                "nothing was written to the copy: going back to the original loses nothing");
        h.assertInvariantsHeld();
    }

    @Test
    void aRollbackDuringTheEvolveCancelsTheRunBeforeTheVolumeSwitch() {
        installedAndWatched();
        String live = database().getActiveVolume();
        slowEvolveJob();
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = siteRun("acme", R332);
        h.await(jobRef(run + "-evolve"), "to run", j -> true);

        h.step("ops set spec.release back to 3.30 while the evolve Job runs: the site cancels its run");
        editSpec("acme", spec -> spec.setRelease(R330));
        EvolveRun cancelled = h.awaitPhase(run(run), EvolvePhase.Failed);
        assertEquals("Cancelled", org.karlproject.operator.sim.SimHarness.condition(cancelled, "Stalled")
                .orElseThrow().get("reason"));
        awaitActive("acme", R330);
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        h.assertInvariantsHeld();
    }

    @Test
    void aRollbackDuringTheSmokeCheckSwitchesTheDatabaseBack() {
        installedAndWatched();
        String live = database().getActiveVolume();
        h.cluster().hangJobs(JobMatcher.matching().namePrefix("acme-smoke"));
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = siteRun("acme", R332);
        awaitPhase("acme", RolloutPhase.SmokeChecking);

        h.step("ops set spec.release back to 3.30 during the smoke check, after the volume switch: back to "
                + "the original volume, which nothing could write since the final snapshot");
        editSpec("acme", spec -> spec.setRelease(R330));
        EvolveRun failed = h.awaitPhase(run(run), EvolvePhase.Failed);
        KarlSite site = awaitActive("acme", R330);
        assertEquals(List.of(), h.lineage().writesTo(NS, failed.getStatus().getRestoredVolume()),
                "nothing was written to the copy: going back to the original loses nothing");
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        assertEquals(site.getStatus().getActiveRevision(), servedRevision("acme"));
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        h.assertInvariantsHeld();
    }

    @Test
    void aRetargetAfterTheVolumeSwitchGoesBackThenEvolvesTheOriginalForTheNewTarget() {
        installedAndWatched();
        String live = database().getActiveVolume();
        h.apply(SiteFixtures.release("karl-3-33", "3.33", 30));
        h.awaitCondition(SiteFixtures.release("karl-3-33", "3.33", 30), "Ready", "True");
        h.cluster().hangJobs(JobMatcher.matching().namePrefix("acme-smoke"));
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = siteRun("acme", R332);
        awaitPhase("acme", RolloutPhase.SmokeChecking);

        h.step("ops re-target to 3.33 (karl 30) during 3.32's smoke check: the 3.32 run goes back to the original, "
                + "then a run of its own evolves the original to karl 30");
        h.cluster().succeedJobs(JobMatcher.matching().namePrefix("acme-smoke"));
        editSpec("acme", spec -> spec.setRelease("karl-3-33"));
        EvolveRun first = h.awaitPhase(run(run), EvolvePhase.Failed);
        awaitActive("acme", "karl-3-33");
        assertEquals(java.util.Map.of("karl", 30L), database().getGenerations());
        EvolveRun second = h.get(awaitEvolveRun(siteRun("acme", "karl-3-33")));
        assertEquals(live, second.getStatus().getSourceVolume(), "evolved from the original, not the 3.32 copy");
        assertEquals(java.util.Map.of("karl", 28L), second.getStatus().getFromGenerations());
        assertEquals(List.of(), h.lineage().writesTo(NS, first.getStatus().getRestoredVolume()));
        h.assertInvariantsHeld();
    }

    private static io.fabric8.kubernetes.api.model.batch.v1.Job jobRef(String name) {
        return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().build();
    }
}
