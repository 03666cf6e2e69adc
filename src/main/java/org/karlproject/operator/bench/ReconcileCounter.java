package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** JOSDK metrics that remember which resources have finished a reconcile since {@link #reset()}. */
final class ReconcileCounter implements Metrics {
    private final Set<String> reconciled = ConcurrentHashMap.newKeySet();

    @Override
    public void reconciliationFinished(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        reconciled.add(resource.getKind() + "/" + ResourceID.fromResource(resource));
    }

    void reset() {
        reconciled.clear();
    }

    int reconciled() {
        return reconciled.size();
    }
}
