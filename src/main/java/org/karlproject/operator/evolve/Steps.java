package org.karlproject.operator.evolve;

import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;

/**
 * The evolve run's kinds of {@link Step}: a phase done, still waiting (on what), failed, succeeded, or
 * nothing to say (terminal phases). Each carries no writes; a handler adds them with {@link Step#with}.
 */
final class Steps {

    private Steps() {
    }

    /** The phase is done; go on to {@code next}. */
    static Step<EvolvePhase> advance(EvolvePhase next, String message) {
        return new Step<>(next, Health.progressing(next.name(), message), message, null, null);
    }

    /** Still working or waiting, with a reason that says on what. The message must not change while waiting. */
    static Step<EvolvePhase> waiting(String reason, String message) {
        return new Step<>(null, Health.progressing(reason, message), message, null, null);
    }

    static Step<EvolvePhase> fail(String reason, String message) {
        return new Step<>(EvolvePhase.Failed, Health.stalled(reason, message), message, null, null);
    }

    static Step<EvolvePhase> succeed(String reason, String message) {
        return new Step<>(EvolvePhase.Succeeded, Health.ready(reason, message), message, null, null);
    }

    /** Stay, keeping the recorded verdict (terminal phases). */
    static Step<EvolvePhase> unchanged() {
        return new Step<>(null, null, null, null, null);
    }
}
