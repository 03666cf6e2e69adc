package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * JOSDK metrics that remember which resources have finished a reconcile since {@link #reset()}, and how long
 * each reconcile waited in JOSDK's executor queue (from its submission to its start: M5's burst latency).
 */
final class ReconcileCounter implements Metrics {
    private final Set<String> reconciled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> submitted = new ConcurrentHashMap<>();
    private final Queue<Wait> waits = new ConcurrentLinkedQueue<>();

    /** One reconcile's wait in the executor queue; {@code started} is {@link System#nanoTime()}'s. */
    record Wait(long started, String kind, String name, long nanos) {
        double millis() {
            return nanos / 1e6;
        }
    }

    @Override
    public void reconciliationSubmitted(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        submitted.put(key(resource), System.nanoTime());
    }

    @Override
    public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
        long now = System.nanoTime();
        Long at = submitted.remove(key(resource));
        if (at != null) {
            waits.add(new Wait(now, resource.getKind(), resource.getMetadata().getName(), now - at));
        }
    }

    /** The queue waits of the reconciles that started after {@code mark} (a {@link System#nanoTime()}). */
    List<Wait> waitsSince(long mark) {
        return waits.stream().filter(w -> w.started() - mark > 0).toList();
    }

    private static String key(HasMetadata resource) {
        return resource.getKind() + "/" + ResourceID.fromResource(resource);
    }

    @Override
    public void reconciliationFinished(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        reconciled.add(key(resource));
    }

    void reset() {
        reconciled.clear();
        waits.clear();
    }

    int reconciled() {
        return reconciled.size();
    }
}
