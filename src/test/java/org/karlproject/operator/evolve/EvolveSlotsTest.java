package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;

/** Admission under {@code karl.evolve.max-concurrent}, including a cache that lags the operator's writes. */
class EvolveSlotsTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void noLimitAdmitsEveryRun() {
        EvolveSlots slots = new EvolveSlots(0);
        List<EvolveRun> all = List.of(run("a", EvolvePhase.Evolving), run("b", EvolvePhase.Pending));
        assertTrue(slots.admit(all.get(1), all, T0));
    }

    @Test
    void activeRunsInTheCacheTakeTheSlots() {
        EvolveSlots slots = new EvolveSlots(1);
        List<EvolveRun> all = List.of(run("a", EvolvePhase.Evolving), run("b", EvolvePhase.Pending));
        assertFalse(slots.admit(all.get(1), all, T0));
    }

    @Test
    void anAdmittedRunHoldsItsSlotUntilTheCacheShowsItFinished() {
        EvolveSlots slots = new EvolveSlots(1);
        EvolveRun a = run("a", null);
        EvolveRun b = run("b", EvolvePhase.Pending);
        List<EvolveRun> stale = List.of(a, b);
        assertTrue(slots.admit(a, stale, T0), "the first run gets the slot");
        assertTrue(slots.admit(a, stale, T0), "and keeps it when it reconciles again");
        assertFalse(slots.admit(b, stale, T0), "the cache still shows a Pending, yet its slot is taken");
        List<EvolveRun> fresh = List.of(run("a", EvolvePhase.BaseSnapshot), b);
        assertFalse(slots.admit(b, fresh, T0), "a is active now, as the cache shows");
        assertFalse(slots.admit(b, stale, T0), "a cache briefly showing an older a (Pending) frees nothing");
        List<EvolveRun> done = List.of(run("a", EvolvePhase.Succeeded), b);
        assertTrue(slots.admit(b, done, T0), "a finished: b may start");
    }

    @Test
    void aSlotHeldInMemoryExpires() {
        EvolveSlots slots = new EvolveSlots(1);
        EvolveRun a = run("a", EvolvePhase.Pending);
        EvolveRun b = run("b", EvolvePhase.Pending);
        assertTrue(slots.admit(a, List.of(a, b), T0));
        assertTrue(slots.admit(b, List.of(a, b), T0.plus(EvolveSlots.HOLD).plusSeconds(1)));
    }

    static EvolveRun run(String name, EvolvePhase phase) {
        EvolveRun run = new EvolveRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        if (phase != null) {
            EvolveRunStatus status = new EvolveRunStatus();
            status.setPhase(phase);
            run.setStatus(status);
        }
        return run;
    }
}
