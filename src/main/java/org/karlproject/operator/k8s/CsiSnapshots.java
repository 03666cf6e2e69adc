package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CSI VolumeSnapshots ({@code snapshot.storage.k8s.io/v1}) as generic resources (there is no typed model
 * among the dependencies): the one builder and reader that databases and evolve runs share. Pure.
 */
public final class CsiSnapshots {

    public static final String GROUP = "snapshot.storage.k8s.io";
    public static final String KIND = "VolumeSnapshot";
    public static final GroupVersionKind GVK = new GroupVersionKind(GROUP, "v1", KIND);

    private CsiSnapshots() {
    }

    /** A snapshot of {@code pvc} with {@code metadata}; {@code snapshotClass} null: the cluster default. */
    public static GenericKubernetesResource of(ObjectMeta metadata, String pvc, String snapshotClass) {
        GenericKubernetesResource snapshot = new GenericKubernetesResource();
        snapshot.setApiVersion(GVK.apiVersion());
        snapshot.setKind(KIND);
        snapshot.setMetadata(metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (snapshotClass != null) {
            spec.put("volumeSnapshotClassName", snapshotClass);
        }
        spec.put("source", Map.of("persistentVolumeClaimName", pvc));
        snapshot.setAdditionalProperty("spec", spec);
        return snapshot;
    }

    public static boolean ready(GenericKubernetesResource snapshot) {
        return Boolean.TRUE.equals(snapshot.<Boolean>get("status", "readyToUse"));
    }

    public static Optional<String> error(GenericKubernetesResource snapshot) {
        Object error = snapshot.get("status", "error");
        if (error == null) {
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

    public static Optional<String> label(GenericKubernetesResource snapshot, String key) {
        return Optional.ofNullable(snapshot.getMetadata().getLabels()).map(l -> l.get(key));
    }

    /** Whether something holds the snapshot (label {@link Labels#HELD_BY}, e.g. an evolve run's way back). */
    public static boolean held(GenericKubernetesResource snapshot) {
        return label(snapshot, Labels.HELD_BY).filter(v -> !v.isBlank()).isPresent();
    }
}
