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
 * Benchmarks M2 and M3 as properties: a converged fleet, after an operator restart (a full resync: every
 * resource is reconciled again from fresh caches), costs the API server reads only, never a write; and so
 * does a new operator <em>process</em>.
 */
class SteadyStateScenarioTest {
    static final int SITES = 5;

    private final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()))
            .timeout(Duration.ofSeconds(90));

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void aRestartedOperatorWritesNothingToAConvergedFleet() throws InterruptedException {
        converge();

        h.step("the operator restarts and reconciles everything again");
        long mark = h.requests().mark();
        h.operator().restart();
        Thread.sleep(3_000);

        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    /**
     * M3: a new operator process (a JVM of its own, the benchmark's {@code bench-operator}: fresh informers,
     * fresh JOSDK state, no static state shared with the operator that converged the fleet, which an
     * in-process restart would share) reconciles every custom resource once and writes nothing.
     */
    @Test
    void aNewOperatorProcessWritesNothingToAConvergedFleet() {
        converge();
        h.step("the operator stops; a new operator process reconciles every custom resource once");
        h.operator().stop();
        long mark = h.requests().mark();
        Map<String, String> child = OperatorProcess.run(h.server().url(), ColdStartBench.resources(h.client()),
                List.of("-Xmx256m"));

        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), () -> "the new process (" + child + ") wrote: " + writes);
    }

    @Test
    void anInstallCreatesEachObjectOnceWithoutConflicts() {
        long mark = h.requests().mark();
        serve();

        h.step("the operator never created an object twice: its own creates are in its caches at once");
        Requests creates = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).verb("create")
                .filter(r -> !r.resource().equals("events"));
        assertEquals(0, creates.filter(r -> r.status() == 409).count(), creates::toString);
        assertEquals(creates.count(), creates.countBy(r -> r.resource() + "/" + r.name()).size(), creates::toString);
    }

    /**
     * A fleet that serves and is converged: the running operator and the simulated cluster have nothing left
     * to write (a site is Ready before its database records the generations it first served, and before its
     * workers exist).
     */
    private void converge() {
        serve();
        h.awaitThat("the fleet to go quiet", () -> quiet(Duration.ofSeconds(3)));
    }

    /** A fleet of {@link #SITES} sites on shared releases, applied at once, until all serve. */
    private void serve() {
        h.step("a fleet of " + SITES + " sites on shared releases converges");
        Fleet.releases().forEach(h::apply);
        for (int i = 0; i < SITES; i++) {
            Fleet.siteObjects(i).forEach(h::apply);
        }
        for (int i = 0; i < SITES; i++) {
            h.await(Fleet.site(Fleet.site(i), Fleet.FIRST), "to serve " + Fleet.FIRST, s -> Fleet.serves(s, Fleet.FIRST));
        }
    }

    /** No write by anyone (operator or simulated cluster) in the last {@code period}. */
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
