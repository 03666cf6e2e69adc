package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.sim.SimHarness;

/** {@code karl.evolve.max-concurrent}: runs of different databases wait in Pending for a slot. */
class EvolveLimitScenarioTest {
    static final List<String> SITES = List.of("site-a", "site-b", "site-c");

    SimHarness h;

    @BeforeEach
    void start() {
        h = SimHarness.start(EvolveFixtures.operator(EvolveSettings.DEFAULTS.withMaxConcurrent(1)));
        EvolveFixtures.releases().forEach(h::apply);
        for (String site : SITES) {
            h.apply(EvolveFixtures.site(site, site));
            EvolveFixtures.rolloutUnderWay(h, site, EvolveFixtures.TARGET);
            EvolveFixtures.database(h, site, Map.of("karl", 27L, "osi", 3L));
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void atMostTheLimitOfRunsArePastPendingAtOnce() {
        h.step("evolve Jobs take a while, so that the runs would overlap without a limit");
        h.cluster().jobsRunFor(Duration.ofMillis(300));
        h.step("three sites' databases get an evolve run each, at once; the limit is 1");
        List<EvolveRun> runs = SITES.stream().map(site -> {
            EvolveRun run = EvolveFixtures.run(site + "-to-3-31");
            run.getSpec().setSite(site);
            return run;
        }).toList();
        runs.forEach(h::apply);

        h.step("while they run, never more than one is past Pending, and the others say why they wait");
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sawWaiting = new AtomicBoolean();
        h.awaitThat("all runs to succeed", () -> {
            List<EvolveRun> now = runs.stream().map(h::get).toList();
            peak.accumulateAndGet(now.stream().filter(EvolveSlots::active).count(), Math::max);
            if (now.stream().anyMatch(EvolveSlots::waiting)) {
                sawWaiting.set(true);
            }
            return now.stream().allMatch(r -> r.getStatus() != null && r.getStatus().getPhase() == EvolvePhase.Succeeded);
        });
        assertEquals(1, peak.get(), "peak of runs past Pending");
        assertTrue(sawWaiting.get(), "a run waited with reason " + EvolveSlots.WAITING);
    }
}
