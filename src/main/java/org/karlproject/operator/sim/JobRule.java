package org.karlproject.operator.sim;

import java.time.Duration;

/**
 * What the simulated cluster does with the Jobs that a {@link JobMatcher} selects: each attempt (pod) runs
 * for {@link #runsFor} and then fails or succeeds. {@code failTimes(n)} fails the first n attempts and
 * succeeds afterwards, as far as the Job's {@code backoffLimit} allows; {@code hang()} never finishes (only
 * {@code activeDeadlineSeconds} ends it).
 */
public record JobRule(JobMatcher matcher, int failingAttempts, boolean hangs, Duration runsFor) {
    /** Fails every attempt. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    public static JobRule succeed(JobMatcher matcher) {
        return new JobRule(matcher, 0, false, null);
    }

    public static JobRule fail(JobMatcher matcher) {
        return new JobRule(matcher, ALWAYS, false, null);
    }

    public static JobRule failTimes(JobMatcher matcher, int attempts) {
        return new JobRule(matcher, attempts, false, null);
    }

    public static JobRule hang(JobMatcher matcher) {
        return new JobRule(matcher, 0, true, null);
    }

    /** The same rule with each attempt taking this long (default: the cluster's {@code jobsRunFor}). */
    public JobRule after(Duration duration) {
        return new JobRule(matcher, failingAttempts, hangs, duration);
    }

    boolean attemptFails(int attempt) {
        return attempt <= failingAttempts;
    }
}
