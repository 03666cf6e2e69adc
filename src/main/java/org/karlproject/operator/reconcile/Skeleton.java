package org.karlproject.operator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.karlproject.operator.api.KarlStatus;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;

/**
 * The one reconcile of every kind: observe (caches only) and decide (a pure function of what was observed,
 * returning the next status, the verdict and a plan), record (one {@link StatusWriter}: status copy,
 * InvalidSpec stall, events before the write, conditions, metrics, a write only on change), execute the plan
 * ({@link ChildWriter}), reschedule: at once when the plan wrote (our own writes wake no event), otherwise
 * when the decision asked. A decision only in passing ({@link Decision#inPassing()}) is not recorded: its plan
 * is carried out first, and the decision taken again on the caches that now hold those writes is recorded
 * in its place (one status write instead of two back to back).
 *
 * <pre>
 *   event -> copy status -> precheck (optional: fills in what every verdict carries; may decide alone)
 *                               |
 *                            spec valid? --no--> record Stalled InvalidSpec, stop
 *                               | yes
 *                            decide (observe + pure)  -> Decision(status, health, events, plan, recheck)
 *                               |
 *                            record (events, then status if changed)
 *                               |
 *                            execute plan (create / ensure / edit / delete, through the caches)
 *                               |
 *                            reschedule (0 if written, else recheck)
 * </pre>
 */
public final class Skeleton {

    private Skeleton() {
    }

    /** A kind's decide step: observes through {@code context}'s caches, decides purely on what it saw. */
    @FunctionalInterface
    public interface Decider<P extends io.fabric8.kubernetes.api.model.HasMetadata, S> {
        Decision<S> decide(P primary, S next, Context<P> context);
    }

    /**
     * What a kind settles before its spec is validated: fills in {@code next} with what every verdict carries
     * (observed from caches, e.g. who uses the object) and may decide alone, instead of validation and
     * {@link Decider} (e.g. an immutable spec edited after acceptance: its own verdict, not InvalidSpec).
     */
    @FunctionalInterface
    public interface Precheck<P extends io.fabric8.kubernetes.api.model.HasMetadata, S> {
        Optional<Decision<S>> check(P primary, S next, Context<P> context);
    }

    /** What one pass recorded and did. */
    public record Pass<P extends io.fabric8.kubernetes.api.model.HasMetadata>(P stored, Decision<?> decision, boolean wrote, boolean invalid) {

        /** At once when the pass wrote children, else when its decision asked, else on events only. */
        public UpdateControl<P> control() {
            if (wrote) {
                return UpdateControl.<P>noUpdate().rescheduleAfter(Duration.ZERO);
            }
            Optional<Duration> later = decision == null ? Optional.empty() : decision.recheck();
            return later.map(d -> UpdateControl.<P>noUpdate().rescheduleAfter(d)).orElse(UpdateControl.noUpdate());
        }
    }

    /** One reconcile of {@code primary}: see the class comment. */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> UpdateControl<P> reconcile(P primary,
            Context<P> context, Clock clock, Supplier<S> empty, Decider<P, S> decider) {
        return pass(primary, context, clock, empty, decider).control();
    }

    /** One pass (see the class comment), for kinds that step more than once per reconcile. */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> Pass<P> pass(P primary, Context<P> context,
            Clock clock, Supplier<S> empty, Decider<P, S> decider) {
        return pass(primary, context, clock, empty, (p, next, c) -> Optional.empty(), decider);
    }

    /** One pass whose {@code precheck} comes before validation (see {@link Precheck}). */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> Pass<P> pass(P primary, Context<P> context,
            Clock clock, Supplier<S> empty, Precheck<P, S> precheck, Decider<P, S> decider) {
        return pass(primary, context, clock, empty, precheck, decider, true);
    }

    private static <S extends KarlStatus, P extends CustomResource<?, S>> Pass<P> pass(P primary, Context<P> context,
            Clock clock, Supplier<S> empty, Precheck<P, S> precheck, Decider<P, S> decider, boolean mayPass) {
        if (StatusWriter.stopping(context)) {
            return new Pass<>(primary, null, false, false); // caches emptied by the stop: decide nothing on them
        }
        S next = StatusWriter.copy(primary, empty, context);
        Optional<Decision<S>> settled = precheck.check(primary, next, context);
        if (settled.isPresent()) {
            return carryOut(primary, settled.get(), context, clock);
        }
        Optional<Health> invalid = StatusWriter.invalidSpec(primary);
        if (invalid.isPresent()) {
            P stored = StatusWriter.record(primary, Decision.of(next, invalid.get()), context, clock);
            return new Pass<>(stored, null, false, true);
        }
        Decision<S> decision = decider.decide(primary, next, context);
        if (mayPass && decision.passing() && !decision.plan().isEmpty()) {
            // a status only in passing: its plan first (through the caches), then the decision that follows
            // from it is the one recorded (once: the second is recorded whatever it is); a plan that fails
            // leaves the passing status recorded, so that it tells what the operator is trying to do
            ChildWriter writer = writer(context);
            try {
                writer.execute(decision.plan());
            } catch (RuntimeException failed) {
                StatusWriter.record(primary, decision, context, clock);
                throw failed;
            }
            Pass<P> after = pass(primary, context, clock, empty, precheck, decider, false);
            return new Pass<>(after.stored(), after.decision(), writer.wrote() || after.wrote(), after.invalid());
        }
        return carryOut(primary, decision, context, clock);
    }

    private static <S extends KarlStatus, P extends CustomResource<?, S>> Pass<P> carryOut(P primary,
            Decision<S> decision, Context<P> context, Clock clock) {
        P stored = StatusWriter.record(primary, decision, context, clock);
        ChildWriter writer = writer(context);
        writer.execute(decision.plan());
        return new Pass<>(stored, decision, writer.wrote(), false);
    }

    /** The child writer of a reconciler whose child caches follow {@link Caches#child}'s naming. */
    public static <P extends io.fabric8.kubernetes.api.model.HasMetadata> ChildWriter writer(Context<P> context) {
        return new ChildWriter(context.getClient(), object -> Caches.child(context, object.getClass()))
                .stopsWhen(() -> StatusWriter.stopping(context));
    }
}
