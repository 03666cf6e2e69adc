package org.karlproject.operator.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition without sleeping a fixed time: polls every 20 ms until the probe holds, or fails
 * with the description after the timeout. (The harness lives in src/main, so it cannot use Awaitility, a
 * test-scope dependency; tests may use either.)
 */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    public static void until(String description, Duration timeout, BooleanSupplier probe) {
        value(description, timeout, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Waits until the probe returns a value (not null, not an empty Optional) and returns it. */
    public static <T> T value(String description, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value instanceof Optional<?> optional ? optional.isPresent() : value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("timed out after " + timeout + " waiting for: " + description);
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + description, e);
            }
        }
    }
}
