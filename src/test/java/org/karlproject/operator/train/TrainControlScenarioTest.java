package org.karlproject.operator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.MaintenanceSpec;
import org.karlproject.operator.api.site.MaintenanceWindow;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.bench.Fleet;
import org.karlproject.operator.sim.SimHarness;

/** The train's controls on the simulated cluster: two trains claiming one site, abort, maintenance windows. */
class TrainControlScenarioTest extends TrainScenario {

    @Test
    void aSecondTrainClaimingTheSameSitesIsStalledNamingTheFirstAndStartsNothing() {
        customer("a", true);
        awaitStable("a", "production", "a-3-30");

        h.step("train weekly (paused) selects a's sites; then train x-hotfix selects the same sites");
        ReleaseTrain first = train(0, "100%", 0, 0);
        first.getSpec().setPaused(true);
        h.apply(first);
        awaitTrain("to pause", s -> s.getPhase() == TrainPhase.Paused);
        ReleaseTrain second = train(0, "100%", 0, 0);
        second.setMetadata(new ObjectMetaBuilder().withName("x-hotfix").withNamespace(FLEET).build());
        h.apply(second);
        ReleaseTrain stalled = h.await(second, "to be Stalled", t -> t.getStatus() != null
                && t.getStatus().getPhase() == TrainPhase.Conflicting);
        String message = SimHarness.condition(stalled, "Stalled").map(c -> (String) c.get("message")).orElseThrow();
        assertEquals("SitesClaimedByAnotherTrain",
                SimHarness.condition(stalled, "Stalled").map(c -> c.get("reason")).orElseThrow());
        assertTrue(message.contains("ReleaseTrain fleet/weekly (created first) also selects a/a-production, "
                + "a/a-staging"), message);
        assertTrue(stalled.getStatus().getSites().stream().noneMatch(r -> r.getState().isFollowing()),
                "the second train started nothing");

        h.step("the first train is deleted: the second one moves the sites");
        h.client().resource(first).delete();
        ReleaseTrain moved = h.await(second, "to succeed", t -> t.getStatus() != null
                && t.getStatus().getPhase() == TrainPhase.Succeeded);
        assertEquals("2/2", moved.getStatus().getProgress());
        awaitStable("a", "production", "a-3-31");
        assertEquals("ReleaseTrain fleet/x-hotfix", h.get(site("a", "production")).getStatus().getTargetSource());
    }

    @Test
    void abortStopsTheTrainForGoodThroughARestartAndUnsettingItDoesNotResume() {
        customer("a", true);
        customer("b", true);
        awaitStable("a", "staging", "a-3-30");
        awaitStable("b", "staging", "b-3-30");

        h.step("a train moving one staging site at a time is aborted while a-staging moves");
        ReleaseTrain train = train(0, "100%", 0, 0);
        train.getSpec().getStages().setStagingParallelism(1);
        h.apply(train);
        awaitTrain("to start a-staging", s -> state(s, "a-staging") == SiteState.InProgress);
        h.edit(train, t -> t.getSpec().setAbort(true));
        awaitTrain("to abort", s -> s.getPhase() == TrainPhase.Aborted);

        h.step("a-staging finishes on its own rules; nothing else starts");
        ReleaseTrainStatus aborted = awaitTrain("a-staging to finish", s -> state(s, "a-staging") == SiteState.Succeeded);
        assertEquals(SiteState.Waiting, state(aborted, "b-staging"));
        awaitStable("a", "staging", "a-3-31");

        h.step("spec.abort is set back to false and the operator restarts: still Aborted, b never starts");
        ReleaseTrain unset = h.edit(train, t -> t.getSpec().setAbort(false));
        long generation = unset.getMetadata().getGeneration();
        h.operator().restart();
        ReleaseTrainStatus after = awaitTrain("to see the edit", s -> s.getObservedGeneration() != null
                && s.getObservedGeneration() >= generation);
        assertEquals(TrainPhase.Aborted, after.getPhase());
        assertEquals(SiteState.Waiting, state(after, "b-staging"));
        assertTrue(Fleet.serves(h.get(site("b", "staging")), "b-3-30"));
        assertEquals(aborted.getAbortedAt(), after.getAbortedAt());
    }

    @Test
    void anUpgradeNeedingAnEvolveWaitsForTheSitesMaintenanceWindowThroughARestart() {
        h.step("customer a: karl 3.31 expects generation 29, the databases are at 28: moving evolves them");
        customer("a", true, 29);
        Instant saturday = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)).truncatedTo(ChronoUnit.DAYS).withHour(22)
                .toInstant();
        for (String env : List.of("staging", "production")) {
            h.edit(site("a", env), s -> s.getSpec().setMaintenance(saturdayNights()));
        }
        awaitStable("a", "staging", "a-3-30");
        awaitStable("a", "production", "a-3-30");

        h.step("the train comes on a weekday: a-staging waits for Saturday 22:00 UTC");
        h.apply(train(0, "100%", 0, 0));
        ReleaseTrainStatus waiting = awaitTrain("to wait for the window",
                s -> state(s, "a-staging") == SiteState.WaitingForWindow);
        assertEquals(saturday.toString(), row(waiting, "a-staging").getNextWindow());
        assertEquals(TrainPhase.Progressing, waiting.getPhase());
        assertTrue(h.client().resources(EvolveRun.class).inNamespace("a").list().getItems().isEmpty(),
                "no evolve outside the window");
        assertTrue(Fleet.serves(h.get(site("a", "staging")), "a-3-30"));

        h.step("time reaches the window and the operator restarts meanwhile: the restarted train starts a-staging");
        clock.moveTo(saturday.plusSeconds(60));
        h.operator().restart();
        ReleaseTrainStatus done = awaitTrain("to succeed", s -> s.getPhase() == TrainPhase.Succeeded);
        assertEquals(Boolean.TRUE, row(done, "a-staging").getEvolve());
        assertFalse(started(done, "a-staging").isBefore(saturday), "started inside the window");
        assertFalse(h.client().resources(EvolveRun.class).inNamespace("a").list().getItems().isEmpty(),
                "the upgrade evolved the database");
        awaitStable("a", "production", "a-3-31");
    }

    @Test
    void restartsDuringTheCanarysBakeAndDuringAWaveKeepTheBakeAndTheOrder() {
        customer("a", true);
        customer("b", true);
        awaitStable("a", "production", "a-3-30");
        awaitStable("b", "production", "b-3-30");

        h.step("a canary, then waves of one, each baking 15 s");
        h.apply(train(1, "1", 15, 0));
        ReleaseTrainStatus baking = awaitTrain("the canary to bake", s -> state(s, "a-production") == SiteState.Baking
                && s.getBakeUntil() != null);
        Instant bakeUntil = Instant.parse(baking.getBakeUntil());

        h.step("the operator restarts during the canary's bake: the recorded bake end holds");
        h.operator().restart();
        ReleaseTrainStatus wave = awaitTrain("wave 1 to start", s -> state(s, "b-production") != SiteState.Waiting);
        assertFalse(finished(wave, "a-production").isBefore(bakeUntil), "the canary baked its full 15 s");
        assertFalse(started(wave, "b-production").isBefore(finished(wave, "a-production")));
        assertEquals(1, row(wave, "b-production").getWave());

        h.step("the operator restarts again while wave 1 is under way");
        h.operator().restart();
        ReleaseTrainStatus done = awaitTrain("to succeed", s -> s.getPhase() == TrainPhase.Succeeded);
        assertEquals("4/4", done.getProgress());
        awaitStable("b", "production", "b-3-31");
        assertEquals(0, operatorSpecWritesToSites());
    }

    @Test
    void reseedStagingCopiesProductionIntoStagingJustBeforeItsUpgradeAndNeverWritesProduction() {
        customerWithStagingFromProduction("a");
        awaitStable("a", "staging", "a-3-30");
        awaitStable("a", "production", "a-3-30");
        ZeoDatabase production = h.get(Fleet.database("a", "a-production"));
        String productionVolume = production.getStatus().getActiveVolume();
        h.awaitThat("production has writes", () -> h.lineage().writesTo("a", productionVolume).size() >= 2);
        long mark = h.lineage().lastWriteId();

        h.step("a train with reseedStaging: a-staging's row asks for a reseed in the train's status");
        ReleaseTrain train = train(0, "100%", 0, 0);
        train.getSpec().getStages().setReseedStaging(true);
        h.apply(train);
        ReleaseTrainStatus reseeding = awaitTrain("to ask for the reseed", s -> s.getSites().stream()
                .anyMatch(r -> r.getSite().equals("a-staging") && r.getReseed() != null));
        String nonce = row(reseeding, "a-staging").getReseed();
        String reseeded = org.karlproject.operator.database.DatabaseObjects.volumeFor(
                h.get(Fleet.database("a", "a-staging")), nonce);

        h.step("the staging database reseeds from production, then the upgrade starts; the train finishes");
        ReleaseTrainStatus done = awaitTrain("to succeed", s -> s.getPhase() == TrainPhase.Succeeded);
        ZeoDatabase staging = h.get(Fleet.database("a", "a-staging"));
        assertEquals(reseeded, staging.getStatus().getActiveVolume(), "staging serves the fresh copy");
        assertEquals(nonce, staging.getStatus().getTrainReseedNonce());
        assertTrue(h.lineage().holdsAllWrites("a", productionVolume, mark, reseeded),
                "the copy holds production's writes up to the train's start");
        assertFalse(started(done, "a-production").isBefore(finished(done, "a-staging")));
        awaitStable("a", "staging", "a-3-31");
        awaitStable("a", "production", "a-3-31");

        h.step("production was only read: same volume, no staging write reached it, no reseed nonce");
        ZeoDatabase after = h.get(Fleet.database("a", "a-production"));
        assertEquals(productionVolume, after.getStatus().getActiveVolume());
        assertEquals(null, after.getStatus().getReseedNonce());
        org.karlproject.operator.sim.VolumeContent source = h.lineage().volume("a", productionVolume).orElseThrow();
        assertTrue(h.lineage().writesTo("a", reseeded).stream().noneMatch(w -> source.contains(w.id())),
                "staging's writes never reach production");
        assertEquals(0, operatorSpecWritesToSites());
    }

    /** Saturdays 22:00 UTC for two hours. */
    static MaintenanceSpec saturdayNights() {
        MaintenanceWindow window = new MaintenanceWindow();
        window.setStart("0 22 * * 6");
        window.setDurationMinutes(120);
        MaintenanceSpec maintenance = new MaintenanceSpec();
        maintenance.getWindows().add(window);
        return maintenance;
    }
}
