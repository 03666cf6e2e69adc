package org.karlproject.operator.evolve;

import java.time.Duration;

/**
 * Deadlines the spec does not carry: how long a snapshot may take to become ready, how long a restored
 * volume may stay Pending, and how often a waiting run looks again without an event.
 */
public record EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck) {
    public static final EvolveSettings DEFAULTS =
            new EvolveSettings(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(30));
}
