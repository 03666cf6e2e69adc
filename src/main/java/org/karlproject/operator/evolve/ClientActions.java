package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.CachedWrites;

/**
 * {@link Actions} against the API server: creates (409 means already there) through the informer that
 * caches the child ({@link CachedWrites}), label edits, deletes.
 */
final class ClientActions implements Actions {
    private final KubernetesClient client;
    private final Context<EvolveRun> context;
    private final CachedWrites writes;

    ClientActions(Context<EvolveRun> context) {
        this.context = context;
        this.client = context.getClient();
        this.writes = new CachedWrites(client);
    }

    /** Whether a create succeeded (the reconciler then looks again at once: see {@link CachedWrites}). */
    boolean wrote() {
        return writes.wrote();
    }

    @Override
    public void create(GenericKubernetesResource snapshot) {
        writes.create(cache(GenericKubernetesResource.class, EvolveRunReconciler.SNAPSHOTS), snapshot);
    }

    @Override
    public void create(PersistentVolumeClaim volume) {
        writes.create(cache(PersistentVolumeClaim.class, EvolveRunReconciler.VOLUMES), volume);
    }

    @Override
    public void create(Job job) {
        writes.create(cache(Job.class, EvolveRunReconciler.JOBS), job);
    }

    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> InformerEventSource<R, EvolveRun> cache(Class<R> type, String name) {
        return (InformerEventSource<R, EvolveRun>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }

    @Override
    public void label(PersistentVolumeClaim volume, String key, String value) {
        client.persistentVolumeClaims().inNamespace(volume.getMetadata().getNamespace())
                .withName(volume.getMetadata().getName()).edit(pvc -> {
                    var labels = new LinkedHashMap<>(Optional.ofNullable(pvc.getMetadata().getLabels())
                            .orElse(java.util.Map.of()));
                    labels.put(key, value);
                    pvc.getMetadata().setLabels(labels);
                    return pvc;
                });
    }

    @Override
    public void delete(PersistentVolumeClaim volume) {
        client.resource(volume).delete();
    }

    @Override
    public boolean claim(ConfigMap claim) {
        return writes.create(cache(ConfigMap.class, EvolveRunReconciler.CLAIMS), claim).isPresent();
    }

    @Override
    public void release(ConfigMap claim) {
        // with the resourceVersion seen: a claim deleted and re-created by another run meanwhile is not ours
        // to delete (409); and a claim already gone is fine (404)
        try {
            client.resource(claim).lockResourceVersion(claim.getMetadata().getResourceVersion()).delete();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void delete(Job job) {
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
}
