package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.database.Snapshots;

/**
 * The VolumeSnapshots an evolve run takes of the live volume, as generic resources (no typed model among
 * the dependencies); reading them is {@link Snapshots}' job. Pure: no client.
 */
public final class EvolveSnapshots {
    private EvolveSnapshots() {
    }

    /**
     * A snapshot of {@code pvc}, held by the run (label {@link ChildNames#HELD_BY_LABEL}). No ownerReference:
     * data outlives the EvolveRun. {@code snapshotClass} may be null (the cluster default).
     */
    public static GenericKubernetesResource of(EvolveRun run, String name, String pvc, String database,
            String snapshotClass) {
        Map<String, String> labels = new LinkedHashMap<>(ChildNames.dataLabels(run, database));
        labels.put(ChildNames.HELD_BY_LABEL, ChildNames.heldBy(run.getMetadata().getName()));
        GenericKubernetesResource snapshot = new GenericKubernetesResource();
        snapshot.setApiVersion(Snapshots.GVK.apiVersion());
        snapshot.setKind(Snapshots.KIND);
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(run.getMetadata().getNamespace())
                .withLabels(labels).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        if (snapshotClass != null) {
            spec.put("volumeSnapshotClassName", snapshotClass);
        }
        spec.put("source", Map.of("persistentVolumeClaimName", pvc));
        snapshot.setAdditionalProperty("spec", spec);
        return snapshot;
    }

    public static Optional<String> restoreSize(GenericKubernetesResource snapshot) {
        Object size = snapshot.get("status", "restoreSize");
        return Optional.ofNullable(size).map(String::valueOf);
    }

    public static Optional<String> sourcePvc(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(snapshot.<String>get("spec", "source", "persistentVolumeClaimName"));
    }
}
