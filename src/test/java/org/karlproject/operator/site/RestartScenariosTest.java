package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RollbackSpec;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.sim.FaultRule;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.JobRule;
import org.karlproject.operator.sim.JobRun;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * The operator stops in the middle of each rollout phase, the world moves on without it, and a fresh
 * operator (new reconcilers, empty caches) finishes the rollout from what exists: no duplicate child, one
 * switch.
 */
class RestartScenariosTest extends SiteScenario {

    /** Runs before the scenario's shutdown: the invariants held throughout, restart included. */
    @AfterEach
    void invariantsHeld() {
        h.assertInvariantsHeld();
    }

    private void installed() {
        h.apply(ref("acme"));
        awaitActive("acme", R330);
    }

    @Test
    void restartWhileDeploying() {
        installed();
        h.cluster().readyLate(SiteFixtures.image(R331), Duration.ofSeconds(2));
        editSpec("acme", spec -> spec.setRelease(R331));
        KarlSite site = awaitPhase("acme", RolloutPhase.Deploying);
        String candidate = SiteNames.deployment("acme", R331, site.getStatus().getTargetRevision());
        awaitDeployment(candidate, "to be created", d -> true);

        h.step("the operator stops while the candidate comes up; it becomes ready meanwhile");
        h.operator().stop();
        awaitDeployment(candidate, "to become ready", d -> SiteObserver.workload(d).ready());

        h.step("a fresh operator smoke-checks and switches");
        h.operator().start();
        awaitActive("acme", R331);
        assertEquals(1, releaseDeployments("acme", R331).size());
    }

    @Test
    void restartWhileSmokeChecking() {
        installed();
        h.cluster().jobsRunFor(Duration.ofSeconds(2));
        editSpec("acme", spec -> spec.setRelease(R331));
        String revision = awaitPhase("acme", RolloutPhase.SmokeChecking).getStatus().getTargetRevision();
        String job = SiteNames.smokeCheck("acme", revision);
        h.awaitThat("the smoke check to start", () -> h.cluster().jobRun(NS, job).isPresent());

        h.step("the operator stops during the smoke check, which passes meanwhile");
        h.operator().stop();
        h.awaitThat("the smoke check to pass", () -> h.cluster().jobRun(NS, job)
                .map(r -> r.outcome() == JobRun.Outcome.SUCCEEDED).orElse(false));

        h.step("a fresh operator takes the verdict of that same Job and switches");
        h.operator().start();
        awaitActive("acme", R331);
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> r.name().equals(job)).count());
    }

    @Test
    void restartWhileEvolving() {
        installed();
        awaitDatabase("to record karl 28", db -> karl(28).equals(db.getGenerations()));
        h.cluster().onJobs(JobRule.succeed(evolveJobs("acme")).after(Duration.ofSeconds(2)));
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = siteRun("acme", R332);
        h.awaitPhase(awaitEvolveRun(run), EvolvePhase.Evolving);
        h.awaitThat("the evolve Job to start", () -> h.cluster().jobRun(NS, run + "-evolve").isPresent());

        h.step("the operator stops while the evolve Job runs; the Job finishes meanwhile");
        h.operator().stop();
        h.awaitThat("the evolve Job to finish", () -> h.cluster().jobRun(NS, run + "-evolve")
                .map(r -> r.outcome() == JobRun.Outcome.SUCCEEDED).orElse(false));

        h.step("a fresh operator finishes the run and the rollout; no second run, no second Job");
        h.operator().start();
        awaitActive("acme", R332);
        assertEquals(1, h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().size());
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> r.name().equals(run + "-evolve")).count());
    }

    @Test
    void restartWhileSmokeCheckingAfterAnEvolve() {
        installed();
        awaitDatabase("to record karl 28", db -> karl(28).equals(db.getGenerations()));
        h.cluster().onJobs(JobRule.succeed(JobMatcher.matching().namePrefix("acme-smoke")).after(Duration.ofSeconds(2)));
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = siteRun("acme", R332);
        String revision = awaitPhase("acme", RolloutPhase.SmokeChecking).getStatus().getTargetRevision();
        String job = SiteNames.smokeCheck("acme", revision);
        h.awaitThat("the smoke check to start", () -> h.cluster().jobRun(NS, job).isPresent());

        h.step("the operator stops during the smoke check after the evolve: the database stays read-only on the copy");
        h.operator().stop();
        assertEquals(EvolvePhase.AwaitingTraffic, h.get(awaitEvolveRun(run)).getStatus().getPhase());
        h.awaitThat("the smoke check to pass", () -> h.cluster().jobRun(NS, job)
                .map(r -> r.outcome() == JobRun.Outcome.SUCCEEDED).orElse(false));
        assertTrue(database().getReadOnly().getActive(), "still read-only while no operator runs");

        h.step("a fresh operator switches traffic, then ends the hold; one run, one Job, code and data together");
        h.operator().start();
        awaitActive("acme", R332);
        h.awaitPhase(awaitEvolveRun(run), EvolvePhase.Succeeded);
        assertEquals(1, h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().size());
        assertEquals(1, h.cluster().jobRuns().stream().filter(r -> r.name().equals(run + "-evolve")).count());
    }

    @Test
    void restartWhileSwitching() {
        installed();
        h.step("the switch fails (the API server refuses the stable Service's update)");
        FaultRule refuse = h.faults().inject(FaultRule.on("patch", "services").named(SiteNames.stableService("acme"))
                .from(OperatorRunner.USER_AGENT).respond(500));
        editSpec("acme", spec -> spec.setRelease(R331));
        awaitPhase("acme", RolloutPhase.Switching);
        h.awaitThat("a refused switch", () -> refuse.hits() > 0);

        h.step("the operator stops in Switching; the API server recovers; a fresh operator switches once");
        h.operator().stop();
        h.faults().remove(refuse);
        long mark = h.requests().mark();
        h.operator().start();
        KarlSite site = awaitActive("acme", R331);
        assertEquals(site.getStatus().getActiveRevision(), servedRevision("acme"));
        assertEquals(1, h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).verb("patch")
                .resource("services").filter(r -> r.name().equals(SiteNames.stableService("acme"))).count());
    }

    @Test
    void restartWhileAwaitingPromotion() {
        stagingAndGatedProduction("acme-staging", "acme");
        editSpec("acme", spec -> spec.setRelease(R331));
        awaitPhase("acme", RolloutPhase.AwaitingPromotion);

        h.step("the operator stops while production waits; staging is moved to 3.31 meanwhile");
        h.operator().stop();
        editSpec("acme-staging", spec -> spec.setRelease(R331));

        h.step("a fresh operator rolls staging out, then production follows");
        h.operator().start();
        awaitActive("acme-staging", R331);
        awaitActive("acme", R331);
    }

    @Test
    void restartWhileRestoringData() {
        installed();
        awaitDatabase("to record karl 28", db -> karl(28).equals(db.getGenerations()));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitActive("acme", R332);
        String retained = awaitDatabase("evolved", db -> karl(29).equals(db.getGenerations())).getStatus()
                .getPreviousVolumes().get(0).getName();

        h.step("the database cannot record its switch back yet (its status writes are refused)");
        FaultRule refuse = h.faults().inject(FaultRule.on("update", "zeodatabases/status")
                .from(OperatorRunner.USER_AGENT).respond(500));
        editSpec("acme", spec -> {
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
            spec.setRelease(R330);
        });
        awaitPhase("acme", RolloutPhase.RestoringData);
        h.awaitThat("a refused database status write", () -> refuse.hits() > 0);

        h.step("the operator stops while restoring; the API server recovers; a fresh operator finishes the rollback");
        h.operator().stop();
        h.faults().remove(refuse);
        h.operator().start();
        KarlSite site = awaitActive("acme", R330);
        assertEquals(null, site.getStatus().getDataRestore());
        assertEquals(retained, database().getActiveVolume());
    }

    @Test
    void restartWhileAbortedStaysAborted() {
        installed();
        h.cluster().neverReady(SiteFixtures.image(R331));
        editSpec("acme", spec -> {
            spec.setRelease(R331);
            spec.getRollout().setProgressDeadlineSeconds(1);
        });
        KarlSite aborted = awaitPhase("acme", RolloutPhase.Aborted);
        awaitDeployment(SiteNames.deployment("acme", R331, aborted.getStatus().getTargetRevision()),
                "the aborted candidate scaled to zero", d -> replicas(d, 0));
        reconcileMore("acme", 1);

        h.step("a restarted operator does not retry an aborted rollout: the spec did not change");
        h.operator().stop();
        long mark = h.requests().mark(); // after stop: only the fresh operator's requests count
        h.operator().start();
        reconcileMore("acme", 1);
        assertEquals(RolloutPhase.Aborted, site("acme").getStatus().getPhase());
        org.karlproject.operator.sim.Requests writes = h.requests().snapshot().since(mark)
                .from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    @Test
    void aSiteWhoseStatusWasLostAdoptsItsRunningRevisionAndDeletesNothing() {
        installed();
        String revision = site("acme").getStatus().getActiveRevision();
        String deployment = SiteNames.deployment("acme", R330, revision);

        h.step("the operator stops and the site's status is lost (say, restored from a backup without it)");
        h.operator().stop();
        h.client().resources(KarlSite.class).inNamespace(NS).withName("acme").editStatus(s -> {
            s.setStatus(null);
            return s;
        });

        h.step("a fresh operator finds the revision running, checks it again, and serves it; nothing was deleted");
        h.operator().start();
        KarlSite site = awaitActive("acme", R330);
        assertEquals(revision, site.getStatus().getActiveRevision());
        assertEquals(revision, servedRevision("acme"));
        assertEquals(1, releaseDeployments("acme", R330).size());
        assertEquals(deployment, releaseDeployments("acme", R330).get(0).getMetadata().getName());
    }
}
