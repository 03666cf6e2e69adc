package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.karlproject.operator.database.Snapshots;

/** {@link Actions} against the API server: creates (409 means already there), label edits, deletes. */
final class ClientActions implements Actions {
    static final ResourceDefinitionContext SNAPSHOT_CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(Snapshots.GVK.getGroup()).withVersion(Snapshots.GVK.getVersion())
            .withKind(Snapshots.GVK.getKind()).withPlural("volumesnapshots").withNamespaced(true).build();

    private final KubernetesClient client;

    ClientActions(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void create(GenericKubernetesResource snapshot) {
        ignoreConflict(() -> client.genericKubernetesResources(SNAPSHOT_CONTEXT)
                .inNamespace(snapshot.getMetadata().getNamespace()).resource(snapshot).create());
    }

    @Override
    public void create(PersistentVolumeClaim volume) {
        createTyped(volume);
    }

    @Override
    public void create(Job job) {
        createTyped(job);
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
    public void delete(Job job) {
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private void createTyped(HasMetadata object) {
        ignoreConflict(() -> client.resource(object).create());
    }

    /** A 409 means an earlier reconcile created it and its event has not reached the cache yet. */
    private static void ignoreConflict(Runnable create) {
        try {
            create.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
