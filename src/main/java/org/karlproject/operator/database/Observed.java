package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

/**
 * Everything one reconcile of a ZeoDatabase knows, read from informer caches before anything is decided.
 *
 * @param pvcs the namespace's PVCs by name (the database's own and the volumes evolve runs restored)
 * @param snapshots the namespace's VolumeSnapshots by name (the database's own, and a source snapshot)
 * @param releases ReleaseIndexes of the namespace by name (for the first generations)
 * @param source the source database named by spec.source.database, if it exists
 */
public record Observed(
        ZeoDatabase db,
        Optional<Deployment> deployment,
        Optional<ConfigMap> configMap,
        Optional<Service> service,
        Optional<NetworkPolicy> networkPolicy,
        Map<String, PersistentVolumeClaim> pvcs,
        Map<String, GenericKubernetesResource> snapshots,
        List<EvolveRun> runs,
        List<KarlSite> sites,
        Map<String, ReleaseIndex> releases,
        Optional<ZeoDatabase> source,
        Instant now) {

    public boolean bound(String pvc) {
        return pvc != null && DataVolumes.bound(pvcs.get(pvc));
    }

    /**
     * The snapshots this database made: they carry its UID ({@code deploy.karlproject.org/owner-uid}). Not
     * by name: a deleted database of the same name may have left its own behind, which are not this one's to
     * prune or delete.
     */
    public List<GenericKubernetesResource> ownSnapshots() {
        return snapshots.values().stream().filter(s -> org.karlproject.operator.k8s.Labels.madeBy(s, db)).toList();
    }

    /** Whether an object of the database's child name exists that this database did not make. */
    public boolean foreign(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object != null && !org.karlproject.operator.k8s.Labels.madeBy(object, db);
    }
}
