package org.karlproject.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Clock;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.karlproject.operator.api.KarlStatus;
import org.karlproject.operator.api.Unreadable;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.k8s.VersionMemo;
import org.karlproject.operator.metrics.DomainMetrics;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * The one writer of status. It compares the status a reconcile computed with the one it observed and
 * writes only when they differ, so a reconcile with nothing to do makes no request. A write is a PUT of
 * the status subresource with optimistic locking, and the result is cached so the next reconcile does not
 * act on its own stale status.
 *
 * <p>A write answered 409 is not retried: the status was computed from a copy that is no longer current,
 * and applying it to the newer copy would overwrite what the other writer recorded with conclusions drawn
 * from older data. The write fails with {@link StaleStatus} instead, the reconcile stops before it acts,
 * and JOSDK runs it again on the newer copy (whose watch event is already on its way).
 *
 * <p>A status this operator version could not read ({@link Unreadable}) is never written over: the
 * write is skipped, with a log line and the {@code karl_unreadable_objects_total} metric; the caller's
 * verdict reaches the user as an event.
 */
public final class StatusWriter {

    /** The reason of the verdict on a spec the rules reject. */
    public static final String INVALID_SPEC = "InvalidSpec";

    private static final Logger LOG = Logger.getLogger(StatusWriter.class);

    private StatusWriter() {
    }

    /** A status write that met 409: the reconcile read an older copy; it runs again on the newer one. */
    public static final class StaleStatus extends RuntimeException {
        StaleStatus(HasMetadata primary, Throwable cause) {
            super(primary.getKind() + " " + primary.getMetadata().getNamespace() + "/" + primary.getMetadata().getName()
                    + " changed since this reconcile read it (409 on resourceVersion "
                    + primary.getMetadata().getResourceVersion() + "); its status is not written from the older copy: "
                    + "the reconcile runs again on the newer one", cause, false, false);
        }
    }

    /**
     * A reconcile that runs while the operator stops: JOSDK stops (and empties) the informer caches before it
     * lets the reconciles already queued run to the end, so such a reconcile sees every child missing and
     * would create them again (409) and record a verdict drawn from nothing. It stops before any write.
     */
    public static final class Stopping extends RuntimeException {
        Stopping(HasMetadata primary) {
            super(primary.getKind() + " " + primary.getMetadata().getNamespace() + "/" + primary.getMetadata().getName()
                    + ": the operator is stopping and its caches are gone; nothing is recorded or written", null,
                    false, false);
        }
    }

    /** Whether the operator is stopping: the reconciler's primary cache no longer runs (see {@link Stopping}). */
    public static boolean stopping(Context<?> context) {
        return context.getPrimaryCache() instanceof AbstractEventSource<?, ?> cache && !cache.isRunning();
    }

    /**
     * Writes {@code desired} as the status of {@code primary} when it differs from the observed one.
     *
     * @return the resource as now stored (or {@code primary} itself when nothing was written)
     * @throws StaleStatus when {@code primary} is no longer the stored version
     */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> P writeIfChanged(
            P primary, S desired, Context<P> context) {
        if (reportedUnreadable(primary)) {
            return primary;
        }
        KubernetesSerialization serialization = context.getClient().getKubernetesSerialization();
        if (sameStatus(serialization, primary.getStatus(), desired)) {
            return primary;
        }
        P copy = serialization.clone(primary);
        withoutMarks(copy);
        P written;
        try {
            written = PrimaryUpdateAndCacheUtils.updateAndCacheResource(copy, context, fresh -> {
                fresh.setStatus(desired);
                return fresh;
            }, r -> context.getClient().resource(r).updateStatus(), 0, 0, 0);
        } catch (OperatorException e) {
            if (e.getCause() instanceof KubernetesClientException conflict && conflict.getCode() == 409) {
                throw new StaleStatus(primary, conflict);
            }
            throw e;
        }
        DomainMetrics.statusWritten(primary, primary.getStatus(), desired);
        return written;
    }

    /** Whether {@code primary} could not be read in full; if so, says so in the log and the metric. */
    private static boolean reportedUnreadable(HasMetadata primary) {
        Optional<String> status = Unreadable.status(primary);
        Optional<String> spec = Unreadable.spec(primary);
        if (status.isEmpty() && spec.isEmpty()) {
            return false;
        }
        String which = status.isPresent() && spec.isPresent() ? "spec and status" : status.isPresent() ? "status" : "spec";
        LOG.warnf("%s %s/%s: this operator version cannot read its %s (%s); %s", primary.getKind(),
                primary.getMetadata().getNamespace(), primary.getMetadata().getName(), which,
                status.orElseGet(spec::get), status.isPresent() ? "left alone, its status untouched"
                        : "Stalled as InvalidSpec; other objects are not affected");
        DomainMetrics.unreadable(primary, which);
        return status.isPresent();
    }

    /** The in-memory marks of {@link Unreadable} never go to the server. */
    private static void withoutMarks(HasMetadata copy) {
        if (copy.getMetadata().getAnnotations() != null) {
            copy.getMetadata().getAnnotations().remove(Unreadable.SPEC);
            copy.getMetadata().getAnnotations().remove(Unreadable.STATUS);
        }
    }

    /**
     * The status a reconcile computes on: a deep copy of the observed one (never the cached object itself),
     * or {@code empty} for a new object.
     */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> S copy(P primary, Supplier<S> empty,
            Context<P> context) {
        return primary.getStatus() == null ? empty.get()
                : context.getClient().getKubernetesSerialization().clone(primary.getStatus());
    }

    /**
     * The verdict on a spec the operator's rules reject (schema, CEL and the operator's own, {@link Validator}):
     * Stalled, reason {@code InvalidSpec}, every violation with its field and fix in the message; nothing else
     * is decided or done for such an object until its spec changes.
     */
    public static Optional<Health> invalidSpec(HasMetadata primary) {
        List<Violation> unreadable = Validator.unreadable(primary);
        if (!unreadable.isEmpty()) {
            return verdict(unreadable);
        }
        return VALIDATED.get(primary, () -> verdict(Validator.shared().validateSpec(primary)));
    }

    private static Optional<Health> verdict(List<Violation> violations) {
        return violations.isEmpty() ? Optional.empty() : Optional.of(Health.stalled(INVALID_SPEC,
                violations.stream().map(Violation::toString).collect(Collectors.joining("; "))));
    }

    /**
     * A primary's validation per spec generation: most reconciles are woken by a child or by the operator's own
     * status write, the spec unchanged (a rollout writes a site's status about eight times).
     */
    private static final VersionMemo<Optional<Health>> VALIDATED = VersionMemo.perSpecGeneration(20_000);

    /**
     * Records a decision: its events first (whoever waits for the status then finds them too), then the
     * verdict ({@link #writeVerdict}).
     */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> P record(P primary, Decision<S> decision,
            Context<P> context, Clock clock) {
        if (stopping(context)) {
            throw new Stopping(primary);
        }
        for (Events.Note note : decision.events()) {
            Events.tell(context.getClient(), primary, note, clock);
        }
        return writeVerdict(primary, decision.status(), decision.health(), context, clock);
    }

    /**
     * Records a reconcile's verdict: sets observedGeneration and the conditions for {@code health} on
     * {@code desired}, tells an event when the verdict is new, and writes the status if it changed.
     */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> P writeVerdict(
            P primary, S desired, Health health, Context<P> context, Clock clock) {
        S observed = primary.getStatus();
        Optional<Health> before = Conditions.health(observed == null ? null : observed.getConditions());
        long generation = primary.getMetadata().getGeneration();
        desired.setObservedGeneration(generation);
        desired.setConditions(Conditions.of(health, desired.getConditions(), generation, clock));
        // the event first: whoever waits for the status then finds the event too (a retried reconcile
        // cannot record it twice: event names are derived from the verdict)
        Events.onChange(context.getClient(), primary, before, health, clock);
        return writeIfChanged(primary, desired, context);
    }

    /**
     * Whether two statuses serialise to the same JSON, whatever the order of map entries (a status read back
     * from the server keeps the order of the process that wrote it; {@code Map.of} orders per JVM).
     */
    static boolean sameStatus(KubernetesSerialization serialization, Object observed, Object desired) {
        return Objects.equals(ContentHash.canonicalJson(observed), ContentHash.canonicalJson(desired));
    }
}
