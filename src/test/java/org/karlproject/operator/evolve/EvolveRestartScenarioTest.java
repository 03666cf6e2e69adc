package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.sim.FaultRule;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;

/**
 * The operator dies while a run is in phase X; a fresh operator finishes the run, exactly once: two
 * snapshots, one restored volume, one Job, one switch.
 */
class EvolveRestartScenarioTest {
    static final Duration SLOW = Duration.ofMillis(400);

    SimHarness h;
    String live;
    FaultRule slowDatabaseWrites;

    @BeforeEach
    void start() {
        h = SimHarness.start(EvolveFixtures.operator(EvolveSettings.DEFAULTS, SLOW));
        h.cluster().snapshotsReadyAfter(SLOW).pvcsBindAfter(SLOW).jobsRunFor(SLOW).workloadsReadyAfter(SLOW);
        live = EvolveFixtures.world(h);
        // the database's own status writes are slow too, so that LeavingReadOnly lasts long enough to stop in
        slowDatabaseWrites = h.faults().inject(FaultRule.matching(r -> r.isWrite()
                && r.resourceWithSubresource().equals("zeodatabases/status")).from(OperatorRunner.USER_AGENT).delay(SLOW));
        // Restoring ends as soon as the restored claim exists (it may wait for its first consumer): a slow
        // create keeps the run in Restoring long enough to stop in
        h.faults().inject(FaultRule.on("create", "persistentvolumeclaims").from(OperatorRunner.USER_AGENT).delay(SLOW));
    }

    @AfterEach
    void stop() {
        try {
            h.step("every invariant held throughout, restart included");
            h.assertInvariantsHeld();
        } finally {
            h.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = EvolvePhase.class, names = {"BaseSnapshot", "EnteringReadOnly", "FinalSnapshot", "Restoring",
            "Evolving", "Verifying", "Switching", "AwaitingTraffic", "LeavingReadOnly"})
    void finishesExactlyOnceAfterARestartIn(EvolvePhase phase) {
        long mark = h.requests().mark();
        EvolveRun run = h.apply(EvolveFixtures.run("run"));

        h.step("the operator dies while the run is in " + phase);
        // AwaitingTraffic ends with the site's status write (the traffic switch), LeavingReadOnly with the
        // database's (the hold released). A delay would not hold either (the mock server applies a write before
        // it delays the answer), and a few 503s may be spent on other writes of the same kind before the one
        // that ends the phase (a loaded machine then missed it). So every such write is refused from the phase
        // before on, until the operator is stopped: the phase lasts until the test has seen it.
        FaultRule hold = switch (phase) {
            case AwaitingTraffic -> {
                h.awaitPhase(run, EvolvePhase.Evolving);
                yield h.faults().inject(refuseOperatorWrites("karlsites/status"));
            }
            case LeavingReadOnly -> {
                // AwaitingTraffic is held too until the test has seen it, or it could pass unseen
                h.awaitPhase(run, EvolvePhase.Evolving);
                FaultRule site = h.faults().inject(refuseOperatorWrites("karlsites/status"));
                h.awaitPhase(run, EvolvePhase.AwaitingTraffic);
                // the first rule that applies wins: the slow-write rule above would let the release through
                // (delayed only in its answer), so it steps aside while the refusal holds
                h.faults().remove(slowDatabaseWrites);
                FaultRule database = h.faults().inject(refuseOperatorWrites("zeodatabases/status"));
                h.faults().remove(site);
                yield database;
            }
            default -> null;
        };
        h.awaitPhase(run, phase);
        if (phase == EvolvePhase.LeavingReadOnly) {
            // stop mid-release: the database has tried to write the hold's release, and been refused
            h.awaitThat("the database's status write to be refused", () -> hold.hits() > 0);
        }
        h.operator().stop();
        if (hold != null) {
            h.faults().remove(hold);
        }
        EvolvePhase stoppedIn = h.get(run).getStatus().getPhase();
        assertTrue(stoppedIn.ordinal() >= phase.ordinal() && !stoppedIn.isTerminal(), () -> "stopped in " + stoppedIn + ": " + h.get(run).getStatus().getConditions());
        if (phase == EvolvePhase.LeavingReadOnly) {
            // the hold's release is the write that ends the phase; refused, it cannot have landed
            assertTrue(h.get(EvolveFixtures.database(DB)).getStatus().getReadOnly().getHolders().stream()
                    .anyMatch(holder -> holder.getName().equals(run.getMetadata().getName())),
                    "the database still lists the run among its read-only holders when the operator stops");
        }

        h.step("a fresh operator finishes the run from what exists");
        h.operator().start();
        EvolveRun done = h.awaitPhase(run, EvolvePhase.Succeeded);

        h.step("exactly once: two snapshots, one copy, three Jobs (evolve, verify, last transaction), one switch, "
                + "each phase once");
        Requests created = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).verb("create")
                .filter(r -> r.status() == 201);
        assertEquals(2, created.resource("volumesnapshots").count(), created::toString);
        assertEquals(1, created.resource("persistentvolumeclaims").count(), created::toString);
        assertEquals(3, created.resource("jobs").count(), created::toString);
        assertEquals(3, h.cluster().jobRuns().size());
        assertEquals(List.of(EvolvePhase.Pending, EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving, EvolvePhase.Verifying,
                EvolvePhase.Switching,
                EvolvePhase.AwaitingTraffic, EvolvePhase.LeavingReadOnly), done.getStatus().getSteps().stream().map(EvolveStepRecord::getName).toList());
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        assertEquals("run-evolved", db.getStatus().getActiveVolume());
        assertEquals(1, db.getStatus().getPreviousVolumes().size());
        assertTrue(db.getStatus().getReadOnly().getHolders().isEmpty());
        assertEquals(29, h.lineage().volume(NS, "run-evolved").orElseThrow().generation("karl"));
        assertTrue(h.lineage().holdsAllWrites(NS, live, h.lineage().lastWriteId(), "run-evolved"));
        assertEquals(Boolean.TRUE, done.getStatus().getVerification().getPassed());
        assertEquals(done.getStatus().getEvidence().getCopyLastTransaction(),
                done.getStatus().getEvidence().getLiveLastTransaction());
    }

    private static FaultRule refuseOperatorWrites(String resource) {
        return FaultRule.matching(r -> r.isWrite() && r.resourceWithSubresource().equals(resource))
                .from(OperatorRunner.USER_AGENT).respond(503);
    }

    @Test
    void aRunWaitingInPendingSurvivesARestart() {
        long mark = h.requests().mark();
        EvolveRun first = h.apply(EvolveFixtures.run("first"));
        h.awaitPhase(first, EvolvePhase.BaseSnapshot);
        EvolveRun second = h.apply(EvolveFixtures.run("second"));
        h.await(second, "to wait for the first", r -> SimHarness.condition(r, "Reconciling")
                .map(c -> "WaitingForDatabase".equals(c.get("reason"))).orElse(false));

        h.step("the operator dies while the second run waits in Pending; a fresh one finishes both, in order");
        h.operator().restart();
        h.awaitPhase(first, EvolvePhase.Succeeded);
        EvolveRun done = h.awaitPhase(second, EvolvePhase.Succeeded);
        assertEquals("NothingToEvolve", SimHarness.condition(done, "Ready").orElseThrow().get("reason"));
        Requests created = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).verb("create")
                .filter(r -> r.status() == 201);
        assertEquals(2, created.resource("volumesnapshots").count(), created::toString);
        assertEquals(3, created.resource("jobs").count(), created::toString); // evolve, verify, last transaction
    }
}
