package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;

/**
 * Benchmark M2 as a property: a converged fleet, after an operator restart (a full resync: every resource is
 * reconciled again from fresh caches), costs the API server reads only, never a write.
 */
class SteadyStateScenarioTest {
    static final int SITES = 5;

    private final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()))
            .timeout(Duration.ofSeconds(60));

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void aRestartedOperatorWritesNothingToAConvergedFleet() throws InterruptedException {
        h.step("a fleet of " + SITES + " sites on shared releases converges");
        Fleet.releases().forEach(h::apply);
        for (int i = 0; i < SITES; i++) {
            Fleet.siteObjects(i).forEach(h::apply);
        }
        for (int i = 0; i < SITES; i++) {
            h.await(Fleet.site(Fleet.site(i), Fleet.FIRST), "to serve " + Fleet.FIRST, s -> Fleet.serves(s, Fleet.FIRST));
        }
        h.awaitThat("the operator to go quiet", () -> quiet(Duration.ofSeconds(1)));

        h.step("the operator restarts and reconciles everything again");
        long mark = h.requests().mark();
        h.operator().restart();
        Thread.sleep(3_000);

        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    @Test
    void anInstallCreatesEachObjectOnceWithoutConflicts() {
        h.step("a fleet of " + SITES + " sites on shared releases converges");
        long mark = h.requests().mark();
        Fleet.releases().forEach(h::apply);
        for (int i = 0; i < SITES; i++) {
            Fleet.siteObjects(i).forEach(h::apply);
        }
        for (int i = 0; i < SITES; i++) {
            h.await(Fleet.site(Fleet.site(i), Fleet.FIRST), "to serve " + Fleet.FIRST, s -> Fleet.serves(s, Fleet.FIRST));
        }

        h.step("the operator never created an object twice: its own creates are in its caches at once");
        Requests creates = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).verb("create")
                .filter(r -> !r.resource().equals("events"));
        assertEquals(0, creates.filter(r -> r.status() == 409).count(), creates::toString);
        assertEquals(creates.count(), creates.countBy(r -> r.resource() + "/" + r.name()).size(), creates::toString);
    }

    /** No write by the operator in the last {@code period}. */
    private boolean quiet(Duration period) {
        long mark = h.requests().mark();
        try {
            Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes().count() == 0;
    }
}
