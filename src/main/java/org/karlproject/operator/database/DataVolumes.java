package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;

/**
 * The PVCs holding a database's FileStorage and blobs: size and storage class from {@code spec.storage},
 * optionally restored from a VolumeSnapshot. No ownerReference: data outlives the resource.
 */
public final class DataVolumes {

    private DataVolumes() {
    }

    /** An empty volume, or one restored from {@code fromSnapshot} when present. */
    public static PersistentVolumeClaim of(ZeoDatabase db, String name, Optional<String> fromSnapshot) {
        var spec = db.getSpec().getStorage();
        PersistentVolumeClaimBuilder pvc = new PersistentVolumeClaimBuilder()
                .withMetadata(DatabaseObjects.metadata(db, name, false))
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(spec.getStorageClassName())
                .withNewResources().withRequests(Map.of("storage", new Quantity(spec.getSize()))).endResources()
                .endSpec();
        fromSnapshot.ifPresent(snapshot -> pvc.editSpec().withNewDataSource()
                .withApiGroup(CsiSnapshots.GROUP).withKind(CsiSnapshots.KIND).withName(snapshot)
                .endDataSource().endSpec());
        return pvc.build();
    }

    public static boolean bound(PersistentVolumeClaim pvc) {
        return pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
    }
}
