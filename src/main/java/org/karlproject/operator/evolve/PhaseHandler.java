package org.karlproject.operator.evolve;

/** One phase: works out where it is from what exists, acts if needed, and says what comes next. */
@FunctionalInterface
public interface PhaseHandler {
    Step handle(EvolveContext ctx);
}
