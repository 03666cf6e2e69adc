package org.karlproject.operator.evolve;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.status.Conditions;

/**
 * The operator-wide limit on evolve runs past {@code Pending} ({@code karl.evolve.max-concurrent}).
 *
 * <p>The informer cache counts the active runs, but it lags the operator's own writes by a moment (and may
 * briefly show an older version of a run than the one last written), and runs reconcile in parallel: two
 * Pending runs could both see a free slot. So admission is serialised here, and an admitted run holds its
 * slot in memory until the cache shows it finished or gone; one that the cache never shows started gives it
 * up after {@link #HOLD}. The runs holding slots are the union of those and the runs the cache shows
 * active (admitted by an earlier operator process, say). A restarted operator starts from the cache alone.
 */
public final class EvolveSlots {
    /** The reason a run waits in Pending for a slot. */
    public static final String WAITING = "WaitingForSlot";
    static final Duration HOLD = Duration.ofMinutes(1);

    private final int limit;
    private final Map<ResourceID, Instant> admitted = new HashMap<>();

    public EvolveSlots(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Whether {@code run} may leave Pending now; {@code all} is every run the operator sees. */
    public synchronized boolean admit(EvolveRun run, List<EvolveRun> all, Instant now) {
        if (limit <= 0) {
            return true;
        }
        Map<ResourceID, EvolveRun> byId = all.stream()
                .collect(Collectors.toMap(ResourceID::fromResource, Function.identity(), (a, b) -> a));
        admitted.entrySet().removeIf(e -> finished(byId.get(e.getKey()))
                || notStarted(byId.get(e.getKey())) && e.getValue().plus(HOLD).isBefore(now));
        ResourceID id = ResourceID.fromResource(run);
        if (admitted.containsKey(id)) {
            return true;
        }
        Set<ResourceID> holding = new HashSet<>(admitted.keySet());
        all.stream().filter(EvolveSlots::active).map(ResourceID::fromResource).forEach(holding::add);
        if (holding.size() >= limit) {
            return false;
        }
        admitted.put(id, now);
        return true;
    }

    /** Past Pending and not finished: holding a slot. */
    public static boolean active(EvolveRun run) {
        EvolvePhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase != null && phase != EvolvePhase.Pending && !phase.isTerminal();
    }

    /** Pending, with the recorded reason {@link #WAITING}: to be woken when a slot frees. */
    public static boolean waiting(EvolveRun run) {
        return pending(run) && Conditions.find(run.getStatus().getConditions(), Conditions.RECONCILING)
                .map(c -> WAITING.equals(c.getReason())).orElse(false);
    }

    private static boolean pending(EvolveRun run) {
        return run != null && run.getStatus() != null && run.getStatus().getPhase() == EvolvePhase.Pending;
    }

    /** Gone, or in a terminal phase. */
    private static boolean finished(EvolveRun run) {
        return run == null || run.getStatus() != null && run.getStatus().getPhase() != null
                && run.getStatus().getPhase().isTerminal();
    }

    /** Still exists and has not left Pending as far as the cache knows (a new run has no status yet). */
    private static boolean notStarted(EvolveRun run) {
        return run != null && (run.getStatus() == null || run.getStatus().getPhase() == null || pending(run));
    }
}
