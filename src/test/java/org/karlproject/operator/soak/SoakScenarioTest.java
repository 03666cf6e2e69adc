package org.karlproject.operator.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.bench.Fleet;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.EvolveJobContract;
import org.karlproject.operator.sim.FaultRule;
import org.karlproject.operator.sim.JobRun;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.SimHarness;

/**
 * A small, seeded soak: a fleet upgraded with an evolve while a share of the operator's writes fail (500s
 * and 409s, with the client's own retries off, so every failure reaches the reconcilers), watches drop, the
 * operator restarts, and for a while a second operator instance runs beside the first. Everything must converge with the invariants intact: every site on the new
 * release, every database evolved exactly once, no object created twice, no committed write lost.
 */
class SoakScenarioTest {
    static final int SITES = 6;
    /** Shares of the operator's writes (other than events) answered 500 and 409, by seeded rules. */
    static final double SERVER_ERRORS = 0.09;
    static final double CONFLICTS = 0.05;

    private final SimHarness h = SimHarness.withoutOperator(SoakScenarioTest::operator)
            .timeout(Duration.ofSeconds(100)); // a bound on a loaded 2-core machine; it takes 25-60 s
    /** The operator, with the client's retries off: a 500 reaches the code as an error, not as a delay. */
    private final OperatorRunner operator = new OperatorRunner(
            agent -> h.server().client(agent, b -> b.withRequestRetryBackoffLimit(0)), SoakScenarioTest::operator);

    /** A second operator instance for a while: two at once (a leader handover gone wrong) create nothing twice. */
    private final OperatorRunner twin = new OperatorRunner(
            agent -> h.server().client(agent, b -> b.withRequestRetryBackoffLimit(0)), SoakScenarioTest::operator);

    private static List<io.javaoperatorsdk.operator.api.reconciler.Reconciler<?>> operator() {
        return Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC());
    }

    @AfterEach
    void shutDown() {
        twin.close();
        operator.close();
        h.close();
    }

    private static KarlSite site(int i) {
        return Fleet.site(Fleet.site(i), Fleet.FIRST);
    }

    private static ZeoDatabase database(int i) {
        return Fleet.database(Fleet.NS, Fleet.site(i));
    }

    /** The EvolveRun site {@code i} names in its status (its name is per attempt), or null before it has one. */
    private EvolveRun run(int i) {
        KarlSite s = h.get(site(i));
        String name = s == null || s.getStatus() == null ? null : s.getStatus().getEvolveRun();
        return name == null ? null : h.client().resources(EvolveRun.class).inNamespace(Fleet.NS).withName(name).get();
    }

    private long count(java.util.function.IntPredicate which) {
        return java.util.stream.IntStream.range(0, SITES).filter(which).count();
    }

    private boolean serves(int i, String release) {
        KarlSite s = h.get(site(i));
        return s != null && Fleet.serves(s, release);
    }

    private boolean runPhase(int i, EvolvePhase phase) {
        EvolveRun r = run(i);
        return r != null && r.getStatus() != null && r.getStatus().getPhase() == phase;
    }

    @Test
    void aFleetUpgradedWithAnEvolveUnderFaultsAndRestartsConvergesWithEveryInvariant() {
        h.step("a fleet of " + SITES + " sites on " + Fleet.FIRST + ", each with its own database");
        operator.start();
        Fleet.releases().forEach(h::apply);
        for (int i = 0; i < SITES; i++) {
            Fleet.siteObjects(i).forEach(h::apply);
        }
        Map<Integer, String> original = new HashMap<>();
        for (int i = 0; i < SITES; i++) {
            h.await(site(i), "to serve " + Fleet.FIRST, s -> Fleet.serves(s, Fleet.FIRST));
            int n = i;
            ZeoDatabase db = h.await(database(i), "to record the first generations", d -> d.getStatus() != null
                    && Long.valueOf(28).equals(d.getStatus().getGenerations().get("karl")));
            original.put(n, db.getStatus().getActiveVolume());
        }
        h.awaitThat("every database has taken writes", () -> original.entrySet().stream()
                .allMatch(e -> !h.lineage().writesTo(Fleet.NS, e.getValue()).isEmpty()));

        h.step("a share of the operator's writes fail from now on: 500s and 409s");
        FaultRule errors = h.faults().inject(FaultRule.matching(SoakScenarioTest::operatorWrite).share(SERVER_ERRORS)
                .respond(500));
        FaultRule conflicts = h.faults().inject(FaultRule.matching(SoakScenarioTest::operatorWrite).share(CONFLICTS)
                .respond(409));
        long upgrade = h.requests().mark();

        h.step("every site moves to " + Fleet.NEEDS_EVOLVE + ", whose code expects karl 29: each evolves its database");
        for (int i = 0; i < SITES; i++) {
            h.edit(site(i), s -> s.getSpec().setRelease(Fleet.NEEDS_EVOLVE));
        }

        h.step("restart 1, once every site has created its EvolveRun");
        h.awaitThat("every EvolveRun exists", () -> count(i -> run(i) != null) == SITES);
        operator.restart();

        h.step("a second operator instance runs beside it; watches drop; restart 2 once a run has succeeded");
        twin.start();
        h.faults().dropWatches();
        h.awaitThat("a run has succeeded", () -> count(i -> runPhase(i, EvolvePhase.Succeeded)) >= 1);
        twin.stop();
        operator.restart();

        h.step("watches drop again; restart 3 once half the fleet serves the new release");
        h.faults().dropWatches();
        h.awaitThat("half the fleet serves " + Fleet.NEEDS_EVOLVE,
                () -> count(i -> serves(i, Fleet.NEEDS_EVOLVE)) >= SITES / 2);
        operator.restart();

        h.step("the whole fleet converges on " + Fleet.NEEDS_EVOLVE);
        try {
            h.awaitThat("every site serves " + Fleet.NEEDS_EVOLVE,
                    () -> count(i -> serves(i, Fleet.NEEDS_EVOLVE)) == SITES);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + fleet(), e);
        }
        h.faults().remove(errors);
        h.faults().remove(conflicts);
        List<ApiRequest> operatorWrites = h.requests().snapshot().since(upgrade).from(OperatorRunner.USER_AGENT)
                .writes().list();
        long failed = operatorWrites.stream().filter(r -> r.status() == 500 || r.status() == 409).count();
        long faultable = operatorWrites.stream().filter(SoakScenarioTest::operatorWrite).count();
        assertTrue(errors.hits() > 0 && conflicts.hits() > 0, "faults were injected: " + errors.hits() + " 500s, "
                + conflicts.hits() + " 409s of " + operatorWrites.size() + " writes");

        h.step(failed + " of " + operatorWrites.size() + " operator writes failed; injected: " + errors.hits()
                + " 500s and " + conflicts.hits() + " 409s of " + faultable + " writes other than events; "
                + operator.starts() + " operator starts");
        h.step("invariants: generations, one evolve per database, writable, every write kept");
        Map<String, List<JobRun>> evolveJobs = h.cluster().jobRuns().stream()
                .filter(EvolveJobContract::isEvolveJob) // not its check Jobs (verify, last transaction)
                .collect(Collectors.groupingBy(j -> j.labels().get(EvolveJobContract.LABEL)));
        long lastWrite = h.lineage().lastWriteId();
        for (int i = 0; i < SITES; i++) {
            ZeoDatabase db = h.get(database(i));
            assertEquals(29L, db.getStatus().getGenerations().get("karl"), db.getMetadata().getName());
            assertFalse(Boolean.TRUE.equals(db.getStatus().getReadOnly() == null ? null
                    : db.getStatus().getReadOnly().getActive()), db.getMetadata().getName() + " is writable again");
            assertEquals(SiteMode.Normal, h.get(site(i)).getStatus().getMode());
            String runName = run(i).getMetadata().getName();
            List<JobRun> jobs = evolveJobs.getOrDefault(runName, List.of());
            assertEquals(1, jobs.size(), runName + " ran one evolve Job: " + jobs);
            assertEquals(JobRun.Outcome.SUCCEEDED, jobs.get(0).outcome());
            String active = db.getStatus().getActiveVolume();
            assertTrue(h.lineage().holdsAllWrites(Fleet.NS, original.get(i), lastWrite, active),
                    db.getMetadata().getName() + " lost writes: "
                            + h.lineage().missingWrites(Fleet.NS, original.get(i), lastWrite, active));
        }
        assertEquals(SITES, evolveJobs.size(), "evolve Jobs of other runs: " + evolveJobs.keySet());

        h.step("no object was created twice");
        Map<String, Long> created = h.requests().snapshot().from(OperatorRunner.USER_AGENT).verb("create").list().stream()
                .filter(r -> r.status() == 201 || r.status() == 200)
                .collect(Collectors.groupingBy(r -> r.resourceWithSubresource() + " " + r.namespace() + "/" + r.name(),
                        Collectors.counting()));
        Map<String, Long> twice = created.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), twice, "objects created more than once (" + failed + " writes failed)");

        h.step("the invariant monitor saw every invariant hold throughout: read-only true, one ZEO per volume, "
                + "code and data together, no committed write lost");
        h.assertInvariantsHeld();
    }

    /** Where each site and its run are, for a failure message. */
    private String fleet() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SITES; i++) {
            KarlSite s = h.get(site(i));
            EvolveRun r = run(i);
            ZeoDatabase db = h.get(database(i));
            text.append(Fleet.site(i)).append(": site ").append(s.getStatus() == null ? null : s.getStatus().getPhase())
                    .append(" ").append(SimHarness.condition(s, "Ready").orElse(null))
                    .append("\n  run ").append(r == null || r.getStatus() == null ? null : r.getStatus().getPhase())
                    .append(" ").append(r == null ? null : SimHarness.condition(r, "Ready").orElse(null))
                    .append("\n  db ").append(SimHarness.condition(db, "Ready").orElse(null)).append("\n");
        }
        return text.toString();
    }

    /** A write of the operator's, other than an Event (recording one may fail without harm). */
    private static boolean operatorWrite(ApiRequest request) {
        return request.isWrite() && OperatorRunner.USER_AGENT.equals(request.userAgent())
                && !"events".equals(request.resource());
    }
}
