package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * Everything one reconcile of a ZeoDatabase knows, read from informer caches before anything is decided.
 *
 * @param pvcs the namespace's PVCs by name (the database's own and the volumes evolve runs restored)
 * @param snapshots the namespace's VolumeSnapshots by name (the database's own, and a source snapshot)
 * @param releases ReleaseIndexes of the namespace by name (for the first generations)
 * @param source the source database named by spec.source.database, if it exists
 * @param trainReseed the reseed nonce a ReleaseTrain's status asks of this database (a Reseeding row of a
 *        staging site on it), if any ({@code DatabaseEventSources#trainReseed})
 * @param drillJobs the database's backup-drill Jobs by name (label {@code deploy.karlproject.org/drill})
 * @param drillPods the pods of those Jobs (their termination messages carry the verify results)
 * @param checkJobs the database's check Jobs by name ({@link ZeoCheckJobs})
 * @param checkPods the pods of check Jobs in the namespace (their termination messages)
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
        Instant now,
        Optional<String> trainReseed,
        // ---- backup drills (issue #17) ----
        Map<String, Job> drillJobs,
        List<Pod> drillPods,
        // ---- the database's check Jobs (ZeoCheckJobs) ----
        Map<String, Job> checkJobs,
        List<Pod> checkPods) {

    /** As observed where no release train asks for a reseed, no drill and no check Job runs (tests that build an observation by hand). */
    public Observed(ZeoDatabase db, Optional<Deployment> deployment, Optional<ConfigMap> configMap,
            Optional<Service> service, Optional<NetworkPolicy> networkPolicy, Map<String, PersistentVolumeClaim> pvcs,
            Map<String, GenericKubernetesResource> snapshots, List<EvolveRun> runs, List<KarlSite> sites,
            Map<String, ReleaseIndex> releases, Optional<ZeoDatabase> source, Instant now) {
        this(db, deployment, configMap, service, networkPolicy, pvcs, snapshots, runs, sites, releases, source, now,
                Optional.empty(), Map.of(), List.of(), Map.of(), List.of());
    }

    public boolean bound(String pvc) {
        return pvc != null && DataVolumes.bound(pvcs.get(pvc));
    }

    /**
     * The snapshots this database made: they carry its UID ({@code deploy.karlproject.org/owner-uid}). Not
     * by name: a deleted database of the same name may have left its own behind, which are not this one's to
     * prune or delete.
     */
    public List<GenericKubernetesResource> ownSnapshots() {
        return snapshots.values().stream().filter(s -> Labels.madeBy(s, db)).toList();
    }

    /**
     * A volume of this name that this database may delete (retention beyond keepPreviousVolumes, deletion
     * with deletionPolicy Delete): one the operator made for this database, i.e. carrying this database's
     * UID, or an evolve run's copy (a creator UID and this database's label) that the database switched to.
     * Never an object without a creator UID: a PVC someone made later under a name the database once served
     * is not its to delete.
     */
    public Optional<PersistentVolumeClaim> deletableVolume(String name) {
        String label = Names.join(Names.MAX_LABEL, db.getMetadata().getName());
        return Optional.ofNullable(pvcs.get(name)).filter(pvc -> Labels.madeBy(pvc, db)
                || Labels.ownerUid(pvc) != null && label.equals(Optional.ofNullable(pvc.getMetadata().getLabels())
                        .map(l -> l.get(Labels.DATABASE)).orElse(null)));
    }

    /** Whether an object of the database's child name exists that this database did not make. */
    public boolean foreign(HasMetadata object) {
        return object != null && !Labels.madeBy(object, db);
    }
}
