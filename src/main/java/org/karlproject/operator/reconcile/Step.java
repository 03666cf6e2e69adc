package org.karlproject.operator.reconcile;

import java.time.Duration;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Health;

/**
 * A phase handler's answer, the same for every phased kind (a KarlSite's rollout, an EvolveRun): the phase
 * to be in next ({@code null}: stay in the current one), the verdict to report ({@code null}: keep the
 * recorded one), a message for the record of the phase being left, when to look again without an event
 * ({@code null}: on events only), and the writes to children the step asks for, carried out after the
 * status is recorded.
 *
 * @param <P> the kind's phase enum
 */
public record Step<P extends Enum<P>>(P next, Health verdict, String message, Duration recheck, Plan plan) {

    public Step {
        plan = plan == null ? Plan.none() : plan;
    }

    /** Go to (or stay in) {@code phase} with {@code verdict}. */
    public static <P extends Enum<P>> Step<P> to(P phase, Health verdict) {
        return new Step<>(phase, verdict, verdict == null ? null : verdict.message(), null, null);
    }

    /** Stay in the current phase with {@code verdict}. */
    public static <P extends Enum<P>> Step<P> stay(Health verdict) {
        return new Step<>(null, verdict, verdict == null ? null : verdict.message(), null, null);
    }

    /** Whether the step leaves the current phase. */
    public boolean moves() {
        return next != null;
    }

    /** The phase to be in after this step: {@code next}, or {@code current} when it stays. */
    public P phaseAfter(P current) {
        return next != null ? next : current;
    }

    /** The same decision, looking again after {@code after} at the latest. */
    public Step<P> recheckAfter(Duration after) {
        Duration earliest = recheck == null || after.compareTo(recheck) < 0 ? after : recheck;
        return new Step<>(next, verdict, message, earliest.isNegative() ? Duration.ZERO : earliest, plan);
    }

    /** The same decision, also asking for {@code more} writes (after this step's own). */
    public Step<P> with(Plan more) {
        return new Step<>(next, verdict, message, recheck, Plan.none().and(plan).and(more));
    }
}
