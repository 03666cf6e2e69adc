package org.karlproject.operator.site;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock, counting its reads: every KarlSite reconcile reads it, so a test can wait for "one more
 * reconcile" without sleeping and without subclassing the reconciler (Quarkus tests register every
 * Reconciler class they find).
 */
final class CountingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();

    long reads() {
        return reads.get();
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
        return Instant.now();
    }
}
