package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.CsiSnapshots;

/** The copy an evolve Job works on: a PVC restored from a snapshot. Pure: no client. */
public final class RestoredVolume {

    private RestoredVolume() {
    }

    /**
     * A PVC named {@code name}, restored from {@code snapshot}, requesting the larger of the snapshot's
     * restoreSize and the database's configured size (never less than restoreSize: the restore would not
     * bind). No ownerReference: the data outlives the EvolveRun.
     */
    public static PersistentVolumeClaim of(EvolveRun run, String name, String snapshot, String database,
            String restoreSize, String configuredSize, String storageClass) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(run.getMetadata().getNamespace())
                .withLabels(ChildNames.dataLabels(run, database)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass)
                .withNewDataSource().withApiGroup(CsiSnapshots.GVK.getGroup()).withKind(CsiSnapshots.GVK.getKind())
                .withName(snapshot).endDataSource()
                .withNewResources().withRequests(Map.of("storage", new Quantity(size(restoreSize, configuredSize))))
                .endResources().endSpec().build();
    }

    /** The larger of two quantities (either may be null), as written; 1Gi when both are missing. */
    public static String size(String restoreSize, String configuredSize) {
        return Stream.of(restoreSize, configuredSize).filter(Objects::nonNull)
                .max((a, b) -> Quantity.getAmountInBytes(new Quantity(a))
                        .compareTo(Quantity.getAmountInBytes(new Quantity(b))))
                .orElse("1Gi");
    }

    public static boolean bound(PersistentVolumeClaim pvc) {
        return pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
    }

    /** The claim lost its volume: the restore cannot be used. */
    public static boolean lost(PersistentVolumeClaim pvc) {
        return pvc.getStatus() != null && "Lost".equals(pvc.getStatus().getPhase());
    }
}
