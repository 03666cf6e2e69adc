package org.karlproject.operator.reconcile;

/**
 * One phase of a phased kind, the same contract for every one: given what was observed ({@code view},
 * informer caches only) it returns the next {@link Step}, and records in {@code next} (the status being
 * computed) what it decided. Pure: no I/O, its writes are the step's plan; stepping twice from the same
 * observation gives the same answer.
 *
 * @param <V> what the kind observes
 * @param <S> the kind's status
 * @param <P> the kind's phase enum
 */
@FunctionalInterface
public interface PhaseHandler<V, S, P extends Enum<P>> {
    Step<P> handle(V view, S next);
}
