package org.karlproject.operator.sim;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One injected fault: which requests it matches, what happens to them (an error status, or a delay) and how
 * often (every match, a share of them, or the next {@code n}). Build with {@link #on(String, String)} or
 * {@link #matching(Predicate)}, then hand it to {@link Faults#inject(FaultRule)}.
 *
 * <pre>{@code
 * faults.inject(FaultRule.on("patch", "zeodatabases/status").from(OperatorRunner.USER_AGENT).times(2).respond(409));
 * faults.inject(FaultRule.on("create", "jobs").share(0.3).respond(500));
 * faults.inject(FaultRule.on("get", "deployments").named("zeo").delay(Duration.ofMillis(200)));
 * }</pre>
 */
public final class FaultRule {
    /** A delay longer than any client request timeout used here: the request times out. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Predicate<ApiRequest> match;
    private Integer status;
    private Duration delay;
    private int remaining = -1;
    private double share = 1.0;
    private final Random random = new Random(42);
    private final AtomicInteger hits = new AtomicInteger();

    private FaultRule(Predicate<ApiRequest> match) {
        this.match = match;
    }

    /** Requests with this verb ({@code get}, {@code list}, {@code watch}, {@code create}, {@code update},
     *  {@code patch}, {@code delete}; {@code *} for any) on this resource ({@code plural} matches the plural
     *  and its subresources; {@code plural/status} only the subresource; {@code *} for any). */
    public static FaultRule on(String verb, String resource) {
        return new FaultRule(r -> (verb.equals("*") || r.verb().equals(verb))
                && (resource.equals("*") || r.resource().equals(resource) || r.resourceWithSubresource().equals(resource)));
    }

    public static FaultRule matching(Predicate<ApiRequest> predicate) {
        return new FaultRule(predicate);
    }

    /** Only the object with this name. */
    public FaultRule named(String name) {
        match = match.and(r -> r.name().equals(name));
        return this;
    }

    /** Only requests whose user agent starts with this, e.g. {@link OperatorRunner#USER_AGENT}. */
    public FaultRule from(String userAgent) {
        match = match.and(r -> r.userAgent().startsWith(userAgent));
        return this;
    }

    /** Only the next {@code n} matching requests; afterwards the rule is spent. */
    public FaultRule times(int n) {
        remaining = n;
        return this;
    }

    /** Only this share (0..1) of the matching requests, chosen by a seeded random: repeatable runs. */
    public FaultRule share(double fraction) {
        share = fraction;
        return this;
    }

    /** Answer with this HTTP status (409 Conflict, 500 InternalError, 503, 429...) instead of serving it. */
    public FaultRule respond(int httpStatus) {
        status = httpStatus;
        return this;
    }

    /** Serve the request, but only after this delay. */
    public FaultRule delay(Duration duration) {
        delay = duration;
        return this;
    }

    /** Never answer within any client's timeout. */
    public FaultRule timeout() {
        return delay(TIMEOUT);
    }

    /** How many requests this rule has hit so far. */
    public int hits() {
        return hits.get();
    }

    Integer status() {
        return status;
    }

    Duration delayDuration() {
        return delay;
    }

    /** Whether this rule applies to the request; consumes one of {@link #times(int)} when it does. */
    synchronized boolean applies(ApiRequest request) {
        if (remaining == 0 || !match.test(request)) {
            return false;
        }
        if (share < 1.0 && random.nextDouble() >= share) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        hits.incrementAndGet();
        return true;
    }
}
