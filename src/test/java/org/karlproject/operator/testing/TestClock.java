package org.karlproject.operator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the scenario tests hand to reconcilers: real time, or pinned to an instant, or real time moved
 * forward by hand (for schedules), and counting its reads. Every reconcile reads the clock, so a test can
 * wait for "one more reconcile" without sleeping and without subclassing a reconciler (Quarkus tests
 * register every Reconciler class they find).
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> pinned = new AtomicReference<>();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicLong reads = new AtomicLong();

    /** Real time, until {@link #set} or {@link #moveTo}. */
    public static TestClock real() {
        return new TestClock();
    }

    /** Pinned to {@code start}, moved only by {@link #set}. */
    public static TestClock pinnedAt(Instant start) {
        TestClock clock = new TestClock();
        clock.set(start);
        return clock;
    }

    /** How often the time was read. */
    public long reads() {
        return reads.get();
    }

    /** Pins the clock to {@code instant}. */
    public void set(Instant instant) {
        pinned.set(instant);
    }

    /** Keeps real time flowing but from {@code instant} on (never backwards). */
    public void moveTo(Instant instant) {
        Instant now = Instant.now();
        if (instant.isAfter(now.plus(offset.get()))) {
            offset.set(Duration.between(now, instant));
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        Instant fixed = pinned.get();
        return fixed != null ? fixed : Instant.now().plus(offset.get());
    }
}
