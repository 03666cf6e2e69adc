package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolveRun;

/**
 * CSI VolumeSnapshots ({@code snapshot.storage.k8s.io/v1}) of the live volume, built and read as generic
 * resources (no typed model among the dependencies). Pure: no client.
 */
public final class Snapshots {
    public static final GroupVersionKind GVK = new GroupVersionKind("snapshot.storage.k8s.io", "v1", "VolumeSnapshot");

    private Snapshots() {
    }

    /**
     * A snapshot of {@code pvc}, held by the run (label {@link ChildNames#HELD_BY_LABEL}). No ownerReference:
     * data outlives the EvolveRun. {@code snapshotClass} may be null (the cluster default).
     */
    public static GenericKubernetesResource of(EvolveRun run, String name, String pvc, String database,
            String snapshotClass) {
        Map<String, String> labels = new LinkedHashMap<>(ChildNames.labels(run, database));
        labels.put(ChildNames.HELD_BY_LABEL, ChildNames.heldBy(run.getMetadata().getName()));
        GenericKubernetesResource snapshot = new GenericKubernetesResource();
        snapshot.setApiVersion(GVK.apiVersion());
        snapshot.setKind(GVK.getKind());
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

    public static boolean readyToUse(GenericKubernetesResource snapshot) {
        return Boolean.TRUE.equals(snapshot.<Boolean>get("status", "readyToUse"));
    }

    /** The CSI driver's error, if the snapshot reports one. */
    public static Optional<String> error(GenericKubernetesResource snapshot) {
        if (snapshot.get("status", "error") == null) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(snapshot.<String>get("status", "error", "message"))
                .orElse("the snapshot reports an error"));
    }

    public static Optional<String> restoreSize(GenericKubernetesResource snapshot) {
        Object size = snapshot.get("status", "restoreSize");
        return Optional.ofNullable(size).map(String::valueOf);
    }

    public static Optional<String> sourcePvc(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(snapshot.<String>get("spec", "source", "persistentVolumeClaimName"));
    }
}
