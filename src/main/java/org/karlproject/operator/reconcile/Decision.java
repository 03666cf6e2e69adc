package org.karlproject.operator.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * What a decide step returns, for every kind: the status to record (the copy it was given, filled in), the
 * verdict, the events to tell (besides the verdict's own), the writes to children, when to look again
 * without an event (empty: on events only), and whether the status is only in passing ({@link #inPassing()}).
 */
public record Decision<S>(S status, Health health, List<Events.Note> events, Plan plan, Optional<Duration> recheck,
        boolean passing) {

    public Decision {
        events = events == null ? List.of() : List.copyOf(events);
        plan = plan == null ? Plan.none() : plan;
        recheck = recheck == null ? Optional.empty() : recheck;
    }

    public Decision(S status, Health health, List<Events.Note> events, Plan plan, Optional<Duration> recheck) {
        this(status, health, events, plan, recheck, false);
    }

    /**
     * This decision, marked as a status that lasts only while its own plan is carried out (it waits on no one
     * else: e.g. a site's Switching, whose end is this very pass's write of the Service selector). The
     * skeleton then carries the plan out first and records the decision that follows it instead, so that
     * {@code kubectl get -w} shows no phase that nobody could have seen, and the status is written once.
     */
    public Decision<S> inPassing() {
        return new Decision<>(status, health, events, plan, recheck, true);
    }

    /** A verdict with nothing to do. */
    public static <S> Decision<S> of(S status, Health health) {
        return new Decision<>(status, health, List.of(), Plan.none(), Optional.empty());
    }

    public Decision<S> withPlan(Plan more) {
        return new Decision<>(status, health, events, Plan.none().and(plan).and(more), recheck, passing);
    }

    public Decision<S> withEvents(List<Events.Note> more) {
        List<Events.Note> all = new java.util.ArrayList<>(events);
        all.addAll(more);
        return new Decision<>(status, health, all, plan, recheck, passing);
    }

    public Decision<S> recheckAfter(Duration after) {
        return new Decision<>(status, health, events, plan, Optional.of(recheck.filter(r -> r.compareTo(after) < 0)
                .orElse(after)), passing);
    }
}
