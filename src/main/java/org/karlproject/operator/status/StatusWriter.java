package org.karlproject.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.KarlStatus;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.metrics.DomainMetrics;

/**
 * The one writer of status. It compares the status a reconcile computed with the one it observed and
 * writes only when they differ, so a reconcile with nothing to do makes no request. A write is a PUT of
 * the status subresource with optimistic locking (a stale resourceVersion gets 409 and is retried on a
 * fresh copy), and the result is cached so the next reconcile does not act on its own stale status.
 */
public final class StatusWriter {

    private StatusWriter() {
    }

    /**
     * Writes {@code desired} as the status of {@code primary} when it differs from the observed one.
     *
     * @return the resource as now stored (or {@code primary} itself when nothing was written)
     */
    public static <S extends KarlStatus, P extends CustomResource<?, S>> P writeIfChanged(
            P primary, S desired, Context<P> context) {
        KubernetesSerialization serialization = context.getClient().getKubernetesSerialization();
        if (sameStatus(serialization, primary.getStatus(), desired)) {
            return primary;
        }
        P copy = serialization.clone(primary);
        P written = PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(copy, context, fresh -> {
            fresh.setStatus(desired);
            return fresh;
        });
        DomainMetrics.statusWritten(primary, primary.getStatus(), desired);
        return written;
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
