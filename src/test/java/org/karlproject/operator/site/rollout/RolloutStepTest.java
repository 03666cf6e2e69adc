package org.karlproject.operator.site.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;

/** The phase decisions, without a server: each from a hand-made observation. */
class RolloutStepTest {

    static final Instant NOW = Instant.parse("2026-05-06T10:00:00Z");
    static final SiteView.Revision R1 = new SiteView.Revision("karl-3-30", "img@sha256:1", "aaaa1111");
    static final SiteView.Revision R2 = new SiteView.Revision("karl-3-31", "img@sha256:2", "bbbb2222");

    /** A mutable builder of observations, defaulting to "all is well, nothing deployed". */
    static final class View {
        long generation = 1;
        Settings settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/login.html", 200, 30,
                EvolvePolicy.Automatic, false, null);
        Instant now = NOW;
        SiteView.Revision wanted = R2;
        Map<String, Long> wantedGenerations = Map.of("karl", 28L);
        Map<String, Map<String, Long>> keptGenerations = new HashMap<>();
        SiteView.Database database = new SiteView.Database("db", true, "db-data", Map.of("karl", 28L), List.of());
        Map<String, SiteView.Workload> deployments = new HashMap<>();
        Map<String, SiteView.SmokeJob> smoke = new HashMap<>();
        List<SiteView.Evolve> evolve = new ArrayList<>();
        boolean holds;
        Set<String> staging = Set.of();
        Map<String, String> selector;
        String runtimeMode = "Normal";

        SiteView build() {
            return new SiteView(new SiteView.Site("acme", generation, settings, now),
                    new SiteView.Releases(Optional.ofNullable(wanted), Health.progressing("WaitingForRelease",
                            "no release"), wantedGenerations, keptGenerations, staging),
                    database, new SiteView.Children(deployments, smoke, selector, runtimeMode, false),
                    new SiteView.Evolves(evolve, holds, RolloutStepTest::newRun));
        }

        View ready(SiteView.Revision revision) {
            deployments.put(revision.hash(), new SiteView.Workload("d-" + revision.hash(), 1, true));
            return this;
        }
    }

    /** The EvolveRun the site would create (its name and release are what the steps decide). */
    static EvolveRun newRun(String release, String name) {
        EvolveRun run = new EvolveRun();
        run.getMetadata().setName(name);
        run.setSpec(new EvolveRunSpec());
        run.getSpec().setRelease(release);
        return run;
    }

    /** A site on R1, Stable. */
    static KarlSiteStatus stableOnR1() {
        KarlSiteStatus status = new KarlSiteStatus();
        status.setPhase(RolloutPhase.Stable);
        status.setActiveRelease(R1.release());
        status.setActiveRevision(R1.hash());
        status.setTargetRelease(R1.release());
        status.setTargetRevision(R1.hash());
        SiteRelease active = new SiteRelease();
        active.setRelease(R1.release());
        active.setRevision(R1.hash());
        active.setDeployment("acme-karl-3-30-aaaa1111");
        active.setState(ReleaseState.Active);
        status.setReleases(new ArrayList<>(List.of(active)));
        return status;
    }

    @Test
    void everyPhaseHasAHandler() {
        for (RolloutPhase phase : RolloutPhase.values()) {
            assertNotNull(Rollout.handler(phase), phase::name);
        }
    }

    @Test
    void aNewTargetIsRecordedBeforeAnythingElse() {
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision d = Rollout.decide(new View().build(), next);
        assertEquals(RolloutPhase.Deploying, d.phase());
        assertEquals(List.of(RolloutPhase.Pending, RolloutPhase.Deploying), d.path());
        assertEquals(R2.hash(), next.getTargetRevision());
        assertEquals(NOW.toString(), next.getRolloutStartedAt());
        assertEquals(NOW.plusSeconds(600).toString(), next.getProgressDeadline());
        assertEquals(ReleaseState.Candidate, next.getReleases().get(0).getState());
        assertEquals(R1.hash(), next.getActiveRevision(), "the active release is untouched");
    }

    @Test
    void steppingTwiceFromTheSameObservationGivesTheSameAnswer() {
        KarlSiteStatus once = stableOnR1();
        SiteView view = new View().build();
        Step<RolloutPhase> first = Rollout.decide(view, once).step();
        Step<RolloutPhase> second = Rollout.decide(view, once).step();
        assertEquals(first, second);
    }

    @Test
    void aReadyCandidateIsSmokeCheckedThenSwitched() {
        View v = new View().ready(R2);
        KarlSiteStatus next = stableOnR1();
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), next).phase());
        v.smoke.put(R2.hash(), new SiteView.SmokeJob(SiteView.JobState.SUCCEEDED, next.getRolloutStartedAt()));
        assertEquals(RolloutPhase.Switching, Rollout.decide(v.build(), next).phase());
        assertEquals(R2.release(), next.getVerifiedReleases().get(0).getRelease());
        v.selector = Selectors.revision("acme", R2.hash());
        Rollout.Decision done = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Stable, done.phase());
        assertEquals(Health.State.READY, done.health().state());
        assertEquals(R2.hash(), next.getActiveRevision());
        assertEquals(List.of(ReleaseState.Active, ReleaseState.Kept),
                next.getReleases().stream().map(SiteRelease::getState).toList());
    }

    @Test
    void aSmokeCheckOfAnEarlierAttemptDoesNotCount() {
        View v = new View().ready(R2);
        v.smoke.put(R2.hash(), new SiteView.SmokeJob(SiteView.JobState.FAILED, "2020-01-01T00:00:00Z"));
        KarlSiteStatus next = stableOnR1();
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), next).phase());
    }

    @Test
    void aCandidateNotReadyByTheDeadlineIsAbortedAndStaysSoUntilTheSpecChanges() {
        View v = new View();
        KarlSiteStatus next = stableOnR1();
        Rollout.decide(v.build(), next);
        v.now = NOW.plusSeconds(601);
        Rollout.Decision aborted = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Aborted, aborted.phase());
        assertEquals("RolloutAborted", aborted.health().reason());
        assertEquals(Health.State.STALLED, aborted.health().state());
        assertEquals(1L, next.getAbortedGeneration());
        assertEquals(R1.hash(), next.getActiveRevision());

        next.setConditions(org.karlproject.operator.status.Conditions.of(aborted.health(), List.of(), 1,
                java.time.Clock.systemUTC()));
        v.ready(R2);
        assertEquals(RolloutPhase.Aborted, Rollout.decide(v.build(), next).phase(), "no retry");

        v.generation = 2;
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), next).phase(), "retried");
        assertNull(next.getAbortedGeneration());
    }

    @Test
    void aFailedSmokeCheckAborts() {
        View v = new View().ready(R2);
        KarlSiteStatus next = stableOnR1();
        Rollout.decide(v.build(), next);
        v.smoke.put(R2.hash(), new SiteView.SmokeJob(SiteView.JobState.FAILED, next.getRolloutStartedAt()));
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Aborted, step.phase());
        assertEquals("SmokeCheckFailed", step.health().reason());
        assertEquals(ReleaseState.Aborted, next.getReleases().get(0).getState());
    }

    /** R2 ready to deploy, but its code expects karl 29 and the database is at 28. */
    static View behindR2() {
        View v = new View().ready(R2);
        v.wantedGenerations = Map.of("karl", 29L);
        return v;
    }

    @Test
    void aBehindDatabaseIsEvolvedFirst() {
        View v = behindR2();
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Evolving, step.phase());
        assertEquals("Evolving", step.health().reason());

        v.evolve.add(new SiteView.Evolve("acme-karl-3-31", R2.release(), EvolvePhase.Failed, "EvolveJobFailed",
                NOW.toString(), false, 1L));
        assertEquals("EvolveFailed", Rollout.decide(v.build(), next).health().reason());
    }

    @Test
    void theEvolvingStepNamesItsRunInStatusAndPlansItsCreateOnlyWhileNoneExists() {
        View v = behindR2();
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision create = Rollout.decide(v.build(), next);
        String name = v.build().evolveRunName(R2.release(), next.getRolloutStartedAt());
        assertEquals(name, next.getEvolveRun(), "the status names the run the plan creates");
        assertEquals(1, create.plan().intents().size());
        EvolveRun run = (EvolveRun) ((Intent.Create) create.plan().intents().get(0)).object();
        assertEquals(name, run.getMetadata().getName());
        assertEquals(R2.release(), run.getSpec().getRelease());

        v.evolve.add(new SiteView.Evolve(name, R2.release(), EvolvePhase.Pending, null, NOW.toString(), false, 1L));
        assertTrue(Rollout.decide(v.build(), next).plan().isEmpty(), "once it exists it is not created again");

        View manual = behindR2();
        manual.settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/login.html", 200, 30,
                EvolvePolicy.Manual, false, null);
        assertTrue(Rollout.decide(manual.build(), stableOnR1()).plan().isEmpty(), "Manual: a person creates it");
    }

    @Test
    void aRetryAfterAFailedEvolveGetsARunOfItsOwn() {
        View v = new View().ready(R2);
        v.wantedGenerations = Map.of("karl", 29L);
        v.evolve.add(new SiteView.Evolve("acme-karl-3-31", R2.release(), EvolvePhase.Failed, "EvolveJobFailed",
                NOW.minusSeconds(600).toString(), false, 0L));
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Evolving, step.phase(), "the earlier attempt's failure does not count");
        String name = v.build().evolveRunName(R2.release(), next.getRolloutStartedAt());
        assertTrue(name.startsWith("acme-karl-3-31-") && !name.equals("acme-karl-3-31"), name);
    }

    @Test
    void anUpgradeWaitsUntilTheDatabaseHasRecordedTheGenerationsOfTheActiveRelease() {
        View v = new View().ready(R2);
        v.database = new SiteView.Database("db", true, "db-data", Map.of(), List.of());
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Pending, step.phase(), "no candidate before it is known whether it needs an evolve");
        assertEquals("WaitingForDatabase", step.health().reason());
        v.database = new SiteView.Database("db", true, "db-data", Map.of("karl", 27L), List.of());
        assertEquals(RolloutPhase.Evolving, Rollout.decide(v.build(), next).phase());
    }

    @Test
    void aFirstInstallOnANewDatabaseNeverEvolves() {
        View v = new View().ready(R2);
        v.database = new SiteView.Database("db", true, "db-data", Map.of(), List.of());
        v.wantedGenerations = Map.of("karl", 29L);
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), new KarlSiteStatus()).phase());
    }

    @Test
    void aDryRunNeverCountsAsTheEvolveOfARollout() {
        View v = new View().ready(R2);
        v.wantedGenerations = Map.of("karl", 29L);
        v.settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/", 200, 30, EvolvePolicy.Manual, false, null);
        v.evolve.add(new SiteView.Evolve("rehearsal", R2.release(), EvolvePhase.Succeeded, "DryRunSucceeded",
                NOW.toString(), true, null));
        Rollout.Decision step = Rollout.decide(v.build(), stableOnR1());
        assertEquals(RolloutPhase.Evolving, step.phase());
        assertEquals("WaitingForManualEvolve", step.health().reason());
    }

    @Test
    void aManualPolicyWaitsWithAConditionThatSaysSo() {
        View v = new View().ready(R2);
        v.wantedGenerations = Map.of("karl", 29L);
        v.settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/", 200, 30, EvolvePolicy.Manual, false, null);
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals("WaitingForManualEvolve", step.health().reason());
        v.evolve.add(new SiteView.Evolve("by-hand", R2.release(), EvolvePhase.Succeeded, "Succeeded", NOW.toString(), false, null));
        Rollout.Decision outdated = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Evolving, outdated.phase(), "a succeeded run proves nothing while the database is behind");
        assertEquals("EvolveRunOutdated", outdated.health().reason());
        v.database = new SiteView.Database("db", true, "db-data-2", Map.of("karl", 29L), List.of());
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), next).phase());
    }

    @Test
    void aNewDatabaseIsNeverBehind() {
        assertFalse(Generations.behind(Map.of(), Map.of("karl", 29L)));
        assertTrue(Generations.behind(Map.of("karl", 28L), Map.of("karl", 29L)));
        assertTrue(Generations.behind(Map.of("karl", 28L), Map.of("karl", 28L, "osi", 4L)));
        assertFalse(Generations.behind(Map.of("karl", 29L), Map.of("karl", 28L)));
        assertTrue(Generations.ahead(Map.of("karl", 29L), Map.of("karl", 28L)));
    }

    @Test
    void goingBackAcrossAnEvolveNeedsConsentThenRestoresTheRetainedVolume() {
        View v = new View().ready(R1);
        v.wanted = R1;
        v.wantedGenerations = Map.of("karl", 28L);
        PreviousVolume retained = new PreviousVolume();
        retained.setName("db-data");
        retained.setRetiredAt("2026-05-06T09:00:00Z");
        retained.setGenerations(Map.of("karl", 28L));
        v.database = new SiteView.Database("db", true, "db-evolved", Map.of("karl", 29L), List.of(retained));
        KarlSiteStatus next = onR2WithR1Kept();

        Rollout.Decision blocked = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Blocked, blocked.phase());
        assertEquals("DataRestoreRequired", blocked.health().reason());
        assertTrue(blocked.health().message().contains("2026-05-06T09:00:00Z"));
        assertNull(next.getDataRestore());

        v.settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/", 200, 30, EvolvePolicy.Automatic, true, null);
        Rollout.Decision restoring = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.RestoringData, restoring.phase());
        assertEquals("db-data", next.getDataRestore().getVolume());
        assertEquals("2026-05-06T09:00:00Z", next.getDataRestore().getDiscardsWritesSince());

        v.database = new SiteView.Database("db", true, "db-data", Map.of("karl", 28L), List.of());
        assertEquals(RolloutPhase.Switching, Rollout.decide(v.build(), next).phase(), "no smoke check");
    }

    @Test
    void aKeptReleaseComesBackByAFastSwitch() {
        View v = new View().ready(R1);
        v.wanted = R1;
        KarlSiteStatus next = onR2WithR1Kept();
        Rollout.Decision d = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Switching, d.phase());
        assertFalse(d.path().contains(RolloutPhase.SmokeChecking));
    }

    @Test
    void promotionWaitsForTheStagingSite() {
        View v = new View().ready(R2);
        v.settings = new Settings(1, SiteMode.Normal, 600, 30, 3, "/", 200, 30, EvolvePolicy.Automatic, false,
                "acme-staging");
        KarlSiteStatus next = stableOnR1();
        Rollout.Decision waiting = Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.AwaitingPromotion, waiting.phase());
        assertTrue(waiting.health().message().contains("acme-staging"));
        v.staging = Set.of(R2.release());
        v.now = NOW.plusSeconds(3600);
        assertEquals(RolloutPhase.SmokeChecking, Rollout.decide(v.build(), next).phase());
        assertEquals(NOW.plusSeconds(4200).toString(), next.getProgressDeadline(), "the deadline starts at promotion");
    }

    @ParameterizedTest
    @EnumSource(value = SiteMode.class)
    void theEffectiveModeIsReadOnlyWhileAnEvolveHoldsTheDatabase(SiteMode mode) {
        View v = new View();
        v.settings = new Settings(1, mode, 600, 30, 3, "/", 200, 30, EvolvePolicy.Automatic, false, null);
        v.holds = true;
        assertEquals(mode == SiteMode.Maintenance ? SiteMode.Maintenance : SiteMode.ReadOnly, v.build().effectiveMode());
        v.holds = false;
        assertEquals(mode, v.build().effectiveMode());
    }

    @Test
    void stableIsReadyOnlyWhenTheDatabaseIsAtTheActiveReleasesGenerationsAndItsRunHasFinished() {
        View v = new View();
        v.wanted = R1;
        v.selector = Selectors.revision("acme", R1.hash());
        v.database = new SiteView.Database("db", true, "db-evolved", Map.of("karl", 29L), List.of());
        Rollout.Decision step = Rollout.decide(v.build(), stableOnR1());
        assertEquals("WaitingForData", step.health().reason(), "code of karl 28 on data of karl 29 is not Ready");
        v.database = new SiteView.Database("db", true, "db-data", Map.of("karl", 28L), List.of());
        KarlSiteStatus next = stableOnR1();
        next.setEvolveRun("acme-karl-3-30");
        v.evolve.add(new SiteView.Evolve("acme-karl-3-30", R1.release(), EvolvePhase.LeavingReadOnly, "LeavingReadOnly",
                NOW.toString(), false, 1L));
        assertEquals("LeavingReadOnly", Rollout.decide(v.build(), next).health().reason());
        v.evolve.set(0, new SiteView.Evolve("acme-karl-3-30", R1.release(), EvolvePhase.Succeeded, "Succeeded",
                NOW.toString(), false, 1L));
        assertEquals(Health.State.READY, Rollout.decide(v.build(), next).health().state());
    }

    @Test
    void aNewTargetDuringTheEvolveCancelsTheRunAndWaitsForIt() {
        View v = new View().ready(R2);
        v.wantedGenerations = Map.of("karl", 29L);
        KarlSiteStatus next = stableOnR1();
        Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Evolving, next.getPhase(), "the evolve comes before any pod of the target");
        v.deployments.clear();
        String run = v.build().evolveRunName(R2.release(), next.getRolloutStartedAt());
        v.evolve.add(new SiteView.Evolve(run, R2.release(), EvolvePhase.AwaitingTraffic, "AwaitingTraffic",
                NOW.toString(), false, 1L));
        v.database = new SiteView.Database("db", true, "run-evolved", Map.of("karl", 29L), List.of());
        Rollout.decide(v.build(), next);
        assertEquals(RolloutPhase.Deploying, next.getPhase(), "the copy serves: the candidate may start on it");

        v.wanted = R1; // rolled back while the candidate is checked
        v.wantedGenerations = Map.of("karl", 28L);
        Rollout.Decision step = Rollout.decide(v.build(), next);
        assertEquals(List.of(run), next.getCancelEvolveRuns());
        assertEquals(RolloutPhase.Pending, step.phase());
        assertEquals("WaitingForCancel", step.health().reason());

        v.evolve.set(0, new SiteView.Evolve(run, R2.release(), EvolvePhase.Failed, "Cancelled", NOW.toString(),
                false, 1L));
        v.database = new SiteView.Database("db", true, "db-data", Map.of("karl", 28L), List.of());
        assertEquals(RolloutPhase.Stable, Rollout.decide(v.build(), next).phase());
        assertEquals(List.of(), next.getCancelEvolveRuns(), "a finished run is dropped from the list");
    }

    @Test
    void stableIsNotReadyWhileTheDatabaseIsStillHeldReadOnlyAgainstTheSpecsMode() {
        View v = new View();
        v.wanted = R1;
        v.selector = Selectors.revision("acme", R1.hash());
        v.runtimeMode = "ReadOnly";
        v.holds = true; // the data restore's hold, observed before the switch cleared the request
        Rollout.Decision held = Rollout.decide(v.build(), stableOnR1());
        assertEquals("LeavingReadOnly", held.health().reason(), "ReadOnly applied, but spec.mode asks for Normal");
        assertEquals(Health.State.PROGRESSING, held.health().state());
        v.holds = false;
        v.runtimeMode = "Normal";
        assertEquals(Health.State.READY, Rollout.decide(v.build(), stableOnR1()).health().state());
    }

    @Test
    void stableIsReadyOnlyOnceTheModeIsApplied() {
        View v = new View();
        v.wanted = R1;
        v.selector = Selectors.revision("acme", R1.hash());
        v.runtimeMode = "ReadOnly";
        assertEquals("ApplyingMode", Rollout.decide(v.build(), stableOnR1()).health().reason());
        v.runtimeMode = "Normal";
        assertEquals(Health.State.READY, Rollout.decide(v.build(), stableOnR1()).health().state());
    }

    @Test
    void keepReleasesKeepsTheNewestAndAlwaysTheActive() {
        KarlSiteStatus status = new KarlSiteStatus();
        for (ReleaseState state : List.of(ReleaseState.Active, ReleaseState.Kept, ReleaseState.Aborted, ReleaseState.Kept)) {
            ReleaseList.put(status, new SiteView.Revision("r" + status.getReleases().size(), "i",
                    "h" + status.getReleases().size()), "d", state, NOW.toString());
        }
        ReleaseList.trim(status, 2);
        assertEquals(2, status.getReleases().size());
        assertTrue(status.getReleases().stream().anyMatch(r -> ReleaseState.Active.equals(r.getState())));
    }

    @Test
    void onlyTheWaitingPhasesAreTerminal() {
        assertEquals(EnumSet.of(RolloutPhase.Stable, RolloutPhase.Aborted, RolloutPhase.Blocked),
                EnumSet.copyOf(List.of(RolloutPhase.values()).stream().filter(RolloutPhase::isTerminal).toList()));
    }

    /** A site on R2 with R1 kept (scaled down) for rollback. */
    private static KarlSiteStatus onR2WithR1Kept() {
        KarlSiteStatus next = stableOnR1();
        next.getReleases().get(0).setState(ReleaseState.Kept);
        ReleaseList.put(next, R2, "acme-karl-3-31-bbbb2222", ReleaseState.Active, NOW.toString());
        next.setActiveRelease(R2.release());
        next.setActiveRevision(R2.hash());
        next.setTargetRelease(R2.release());
        next.setTargetRevision(R2.hash());
        return next;
    }
}
