package org.karlproject.operator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.bench.Fleet;
import org.karlproject.operator.sim.JobMatcher;

/** A train through three customers on the simulated cluster: the order, the bake, the budget, GitOps safety. */
class TrainScenarioTest extends TrainScenario {

    @Test
    void stagingFirstThenTheCanaryThenWavesThroughARestartAndNoSiteSpecIsWritten() {
        for (String c : List.of("a", "b", "c")) {
            customer(c, true);
        }
        for (String c : List.of("a", "b", "c")) {
            awaitStable(c, "staging", c + "-3-30");
            awaitStable(c, "production", c + "-3-30");
        }

        h.step("ops apply train weekly: karl 3.31, a canary, then waves of one, each baking 2 s");
        h.apply(train(1, "1", 2, 0));
        h.step("the operator restarts once production has begun");
        awaitTrain("to start the canary", s -> state(s, "a-production") != SiteState.Waiting);
        h.operator().restart();
        ReleaseTrainStatus done = awaitTrain("to succeed", s -> s.getPhase() == TrainPhase.Succeeded);

        h.step("every site runs its customer's 3.31 release; staging went first, production one wave after another");
        for (String c : List.of("a", "b", "c")) {
            assertEquals(c + "-3-31", row(done, c + "-production").getTo());
            assertEquals(c + "-3-30", row(done, c + "-production").getFrom());
            awaitStable(c, "production", c + "-3-31");
        }
        for (String production : List.of("a-production", "b-production", "c-production")) {
            for (String staging : List.of("a-staging", "b-staging", "c-staging")) {
                assertFalse(started(done, production).isBefore(finished(done, staging)),
                        production + " started before " + staging + " finished");
            }
        }
        assertEquals(0, row(done, "a-production").getWave(), "the canary");
        assertEquals(1, row(done, "b-production").getWave());
        assertEquals(2, row(done, "c-production").getWave());
        assertTrue(!started(done, "b-production").isBefore(finished(done, "a-production")),
                "wave 1 starts after the canary's bake");
        assertTrue(!started(done, "c-production").isBefore(finished(done, "b-production")));
        assertEquals("6/6", done.getProgress());

        h.step("GitOps-safe: spec.release still says 3.30 (nothing wrote a site's spec); status says where the target came from");
        KarlSite production = h.get(site("a", "production"));
        assertEquals("a-3-30", production.getSpec().getRelease());
        assertEquals("ReleaseTrain fleet/weekly", production.getStatus().getTargetSource());
        assertEquals(0, operatorSpecWritesToSites(), h.requests().snapshot().writes().resource("karlsites").toString());

        h.step("git catches up: spec.release a-3-31 hands the site back to its spec, with no new rollout");
        String revision = production.getStatus().getActiveRevision();
        h.edit(site("a", "production"), s -> s.getSpec().setRelease("a-3-31"));
        KarlSite caughtUp = h.await(site("a", "production"), "to take its target from spec.release again",
                s -> s.getStatus() != null && "spec.release".equals(s.getStatus().getTargetSource()));
        assertTrue(Fleet.serves(caughtUp, "a-3-31"));
        assertEquals(revision, caughtUp.getStatus().getActiveRevision());
    }

    @Test
    void aFailedCanaryHaltsTheTrainAndLeavesTheOtherSitesAlone() {
        for (String c : List.of("a", "b")) {
            customer(c, true);
        }
        awaitStable("a", "production", "a-3-30");
        awaitStable("b", "production", "b-3-30");

        h.step("a-production's smoke checks fail: the canary's rollout aborts");
        h.cluster().failJobs(JobMatcher.matching().namePrefix("a-production-smoke-"));
        h.apply(train(1, "1", 0, 0));
        ReleaseTrainStatus halted = awaitTrain("to halt", s -> s.getPhase() == TrainPhase.Halted);

        h.step("a-production failed; b-production never started and still serves 3.30; nothing was rolled back");
        assertEquals(SiteState.Failed, state(halted, "a-production"));
        assertTrue(row(halted, "a-production").getMessage().contains("Aborted"), row(halted, "a-production").getMessage());
        assertEquals(SiteState.Waiting, state(halted, "b-production"));
        assertTrue(Fleet.serves(h.get(site("b", "production")), "b-3-30"));
        assertTrue(Fleet.serves(h.get(site("a", "staging")), "a-3-31"), "staging keeps the release it verified");
        assertEquals("a-3-31", h.get(site("a", "production")).getStatus().getTargetRelease(),
                "the failed site stays at its aborted target: the train rolls nothing back");

        h.step("the operator restarts while the train is halted: still Halted, b-production never starts");
        h.operator().restart();
        ReleaseTrain poked = h.edit(train(1, "1", 0, 0), t -> t.getSpec().setSiteDeadlineSeconds(3000));
        ReleaseTrainStatus after = awaitTrain("to see the edit after the restart", s -> s.getObservedGeneration() != null
                && s.getObservedGeneration() >= poked.getMetadata().getGeneration());
        assertEquals(TrainPhase.Halted, after.getPhase());
        assertEquals(SiteState.Waiting, state(after, "b-production"));
        assertTrue(Fleet.serves(h.get(site("b", "production")), "b-3-30"));
    }

    @Test
    void pausedStartsNothingAndARestartedOperatorFinishesTheTrain() {
        customer("a", true);
        customer("b", false);
        awaitStable("a", "staging", "a-3-30");
        awaitStable("b", "staging", "b-3-30");

        h.step("a paused train: every site waits; b has no 3.31 release and is Blocked, naming what is missing");
        ReleaseTrain paused = train(0, "100%", 0, 0);
        paused.getSpec().setPaused(true);
        h.apply(paused);
        ReleaseTrainStatus waiting = awaitTrain("to pause", s -> s.getPhase() == TrainPhase.Paused);
        assertEquals(SiteState.Waiting, state(waiting, "a-staging"));
        assertEquals(SiteState.Blocked, state(waiting, "b-staging"));
        assertTrue(row(waiting, "b-staging").getMessage().contains("carries package b"));
        assertEquals("spec.release", h.get(site("a", "staging")).getStatus().getTargetSource());

        h.step("resumed, then the operator restarts while staging moves");
        h.edit(paused, t -> t.getSpec().setPaused(false));
        awaitTrain("to start a-staging", s -> state(s, "a-staging") != SiteState.Waiting);
        h.operator().restart();

        ReleaseTrainStatus done = awaitTrain("to finish", s -> s.getPhase() == TrainPhase.Completed);
        assertEquals(SiteState.Succeeded, state(done, "a-staging"));
        assertEquals(SiteState.Succeeded, state(done, "a-production"));
        assertEquals(SiteState.Blocked, state(done, "b-production"));
        awaitStable("a", "production", "a-3-31");
        assertTrue(Fleet.serves(h.get(site("b", "production")), "b-3-30"));
    }

    @Test
    void sitesNamingTheTrainInTheirSpecRideItFromTheirOwnNamespace() {
        h.step("customer d's sites carry no label; their specs name the train in another namespace");
        customer("d", true);
        for (String env : List.of("staging", "production")) {
            h.edit(site("d", env), s -> {
                s.getMetadata().getLabels().remove(LABEL);
                s.getSpec().setReleaseTrain(FLEET + "/" + TRAIN);
            });
        }
        awaitStable("d", "production", "d-3-30");
        ReleaseTrain train = train(0, "1", 0, 0);
        train.getSpec().getSites().setMatchLabels(new java.util.TreeMap<>());
        h.apply(train);

        ReleaseTrainStatus done = awaitTrain("to succeed", s -> s.getPhase() == TrainPhase.Succeeded);
        assertEquals(List.of("d-staging", "d-production"), done.getSites().stream().map(r -> r.getSite()).toList());
        awaitStable("d", "production", "d-3-31");
        assertEquals("ReleaseTrain fleet/weekly", h.get(site("d", "staging")).getStatus().getTargetSource());
    }
}
