package org.karlproject.operator.evolve;

import java.time.Duration;

/**
 * Settings the spec does not carry: how long a snapshot may take to become ready, how long a restored
 * volume may stay Pending, how often a waiting run looks again without an event, how many runs may be
 * past {@code Pending} at once across the operator ({@code karl.evolve.max-concurrent}; 0: no limit), and
 * how long ZEO may take to serve the evolved copy and be Ready in {@code Switching} before the run switches
 * the database back to its original volume ({@code karl.evolve.switch-deadline-seconds}, default 600).
 */
public record EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck, int maxConcurrent,
        Duration switchDeadline) {
    public static final Duration DEFAULT_SWITCH_DEADLINE = Duration.ofMinutes(10);
    /** How long a run's site must stay missing before a run awaiting its traffic switch gives up. */
    public static final Duration SITE_MISSING_GRACE = Duration.ofSeconds(30);
    public static final EvolveSettings DEFAULTS =
            new EvolveSettings(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(30), 0);

    /** Settings without a limit on concurrent runs. */
    public EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck) {
        this(snapshotDeadline, restoreDeadline, recheck, 0);
    }

    /** Settings with the default switch deadline. */
    public EvolveSettings(Duration snapshotDeadline, Duration restoreDeadline, Duration recheck, int maxConcurrent) {
        this(snapshotDeadline, restoreDeadline, recheck, maxConcurrent, DEFAULT_SWITCH_DEADLINE);
    }

    /** The same settings with at most {@code limit} runs past Pending at once (0: no limit). */
    public EvolveSettings withMaxConcurrent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("karl.evolve.max-concurrent must be 0 (no limit) or more, not " + limit);
        }
        return new EvolveSettings(snapshotDeadline, restoreDeadline, recheck, limit, switchDeadline);
    }

    /** The same settings with another deadline for Switching. */
    public EvolveSettings withSwitchDeadline(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("karl.evolve.switch-deadline-seconds must be 1 or more, not "
                    + deadline.toSeconds());
        }
        return new EvolveSettings(snapshotDeadline, restoreDeadline, recheck, maxConcurrent, deadline);
    }
}
