package org.karlproject.operator.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request that reached the embedded API server, in arrival order. Thread-safe. Take a {@link #mark()}
 * before an action and query {@code snapshot().since(mark)} after it, e.g. to assert that a no-op reconcile
 * made zero writes: {@code log.snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes().count() == 0}.
 */
public final class RequestLog {
    private final List<ApiRequest> requests = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    synchronized void record(ApiRequest request) {
        requests.add(request);
    }

    /** The sequence number of the last request so far: requests after it are {@code since(mark)}. */
    public long mark() {
        return sequence.get();
    }

    /** An immutable view of the requests recorded so far (since the last {@link #reset()}). */
    public synchronized Requests snapshot() {
        return new Requests(List.copyOf(requests));
    }

    /** Forgets the recorded requests; sequence numbers keep counting. */
    public synchronized void reset() {
        requests.clear();
    }
}
