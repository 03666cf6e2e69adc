package org.karlproject.operator.evolve;

import org.karlproject.operator.k8s.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.CsiSnapshots;

/**
 * The VolumeSnapshots an evolve run takes of the live volume, as generic resources (no typed model among
 * the dependencies); reading them is {@link CsiSnapshots}' job. Pure: no client.
 */
public final class EvolveSnapshots {
    private EvolveSnapshots() {
    }

    /**
     * A snapshot of {@code pvc}, held by the run (label {@link Labels#HELD_BY}). No ownerReference:
     * data outlives the EvolveRun. {@code snapshotClass} may be null (the cluster default).
     */
    public static GenericKubernetesResource of(EvolveRun run, String name, String pvc, String database,
            String snapshotClass) {
        Map<String, String> labels = new LinkedHashMap<>(ChildNames.dataLabels(run, database));
        labels.put(Labels.HELD_BY, ChildNames.heldBy(run.getMetadata().getName()));
        return CsiSnapshots.of(new ObjectMetaBuilder().withName(name).withNamespace(run.getMetadata().getNamespace())
                .withLabels(labels).build(), pvc, snapshotClass);
    }
}
