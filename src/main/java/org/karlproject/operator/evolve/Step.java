package org.karlproject.operator.evolve;

import java.time.Duration;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.status.Health;

/**
 * What a phase handler decided: move to {@code next} (null: stay in the phase), the verdict to report
 * (null: keep the recorded one), a message for the step record, and when to look again if no event comes
 * (null: wait for events only).
 */
public record Step(EvolvePhase next, Health verdict, String message, Duration recheck) {

    /** The phase is done; go on to {@code next}. */
    public static Step advance(EvolvePhase next, String message) {
        return new Step(next, Health.progressing(next.name(), message), message, null);
    }

    /** Still working or waiting, with a reason that says on what. The message must not change while waiting. */
    public static Step waiting(String reason, String message) {
        return new Step(null, Health.progressing(reason, message), message, null);
    }

    /** The spec cannot work as written: nothing happens until it changes. */
    public static Step stalled(String reason, String message) {
        return new Step(null, Health.stalled(reason, message), message, null);
    }

    public static Step fail(String reason, String message) {
        return new Step(EvolvePhase.Failed, Health.stalled(reason, message), message, null);
    }

    public static Step succeed(String reason, String message) {
        return new Step(EvolvePhase.Succeeded, Health.ready(reason, message), message, null);
    }

    /** Stay, keeping the recorded verdict (terminal phases). */
    public static Step unchanged() {
        return new Step(null, null, null, null);
    }

    /** The same decision, looking again after {@code after} at the latest (a deadline or the budget). */
    public Step recheckAfter(Duration after) {
        Duration earliest = recheck == null || after.compareTo(recheck) < 0 ? after : recheck;
        return new Step(next, verdict, message, earliest.isNegative() ? Duration.ZERO : earliest);
    }

    public boolean moves() {
        return next != null;
    }
}
