package org.karlproject.operator.evolve;

import java.time.Duration;

/**
 * Settings the spec does not carry: how long a snapshot may take to become ready, how long a restored
 * volume may stay Pending, how often a waiting run looks again without an event, and how many runs may be
 * past {@code Pending} at once across the operator ({@code karl.evolve.max-concurrent}; 0: no limit).
 */
public record EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck, int maxConcurrent) {
    public static final EvolveSettings DEFAULTS =
            new EvolveSettings(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(30), 0);

    /** Settings without a limit on concurrent runs. */
    public EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck) {
        this(snapshotDeadline, restoreDeadline, recheck, 0);
    }

    /** The same settings with at most {@code limit} runs past Pending at once (0: no limit). */
    public EvolveSettings withMaxConcurrent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("karl.evolve.max-concurrent must be 0 (no limit) or more, not " + limit);
        }
        return new EvolveSettings(snapshotDeadline, restoreDeadline, recheck, limit);
    }
}
