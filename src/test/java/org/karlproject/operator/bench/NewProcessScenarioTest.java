package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;

/**
 * Benchmark M3 as a property: a converged fleet, and a new operator <em>process</em> (a JVM of its own, the
 * benchmark's {@code bench-operator}: fresh informers, fresh JOSDK state, no static state shared with the
 * operator that converged the fleet) reconciles every custom resource once and writes nothing. An in-process
 * restart ({@link SteadyStateScenarioTest}) shares the JVM's static state; this does not.
 */
class NewProcessScenarioTest {
    static final int SITES = 4;

    private final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()))
            .timeout(Duration.ofSeconds(90));

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void aNewOperatorProcessWritesNothingToAConvergedFleet() {
        h.step("a fleet of " + SITES + " sites on shared releases converges");
        Fleet.releases().forEach(h::apply);
        for (int i = 0; i < SITES; i++) {
            Fleet.siteObjects(i).forEach(h::apply);
        }
        for (int i = 0; i < SITES; i++) {
            h.await(Fleet.site(Fleet.site(i), Fleet.FIRST), "to serve " + Fleet.FIRST, s -> Fleet.serves(s, Fleet.FIRST));
        }
        // converged = the running operator and the simulated cluster have nothing left to write (a site is
        // Ready before its database records the generations it first served, and before its workers exist)
        h.awaitThat("the fleet to go quiet with the operator running", () -> quiet(Duration.ofSeconds(3)));
        h.step("the operator stops");
        h.operator().stop();

        h.step("a new operator process starts against the fleet and reconciles every custom resource once");
        long mark = h.requests().mark();
        Map<String, String> child = OperatorProcess.run(h.server().url(), ColdStartBench.resources(h.client()),
                List.of("-Xmx256m"));

        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), () -> "the new process (" + child + ") wrote: " + writes);
    }

    /** No write by anyone in the last {@code period}. */
    private boolean quiet(Duration period) {
        long mark = h.requests().mark();
        try {
            Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return h.requests().snapshot().since(mark).writes().count() == 0;
    }
}
