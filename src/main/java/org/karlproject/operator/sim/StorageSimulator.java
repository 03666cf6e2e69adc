package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the CSI driver and the snapshot controller. A PVC binds after a delay with the capacity it
 * requested; one restored from a VolumeSnapshot binds only once that snapshot is readyToUse and only if it
 * requests at least the snapshot's restoreSize. A VolumeSnapshot becomes readyToUse after a delay, capturing
 * its source volume's content in the {@link Lineage}, or reports {@code status.error} when a knob says so.
 * On a storage class with {@code volumeBindingMode: WaitForFirstConsumer} (a knob, or a database's sandbox
 * annotation: {@link StorageKnobs}) a PVC binds only once a pod that mounts it exists: a Deployment or
 * StatefulSet with replicas, or a Job, whose pod template names the claim (the pod is its first consumer).
 */
final class StorageSimulator {
    private final SimContext sim;
    /** PVCs waiting for a snapshot, by snapshot key. */
    private final Map<String, Set<String>> waiting = new ConcurrentHashMap<>();
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** WaitForFirstConsumer PVCs that no pod mounts yet, by key. */
    private final Set<String> awaitingConsumer = ConcurrentHashMap.newKeySet();
    /** The claims each consumer (kind/namespace/name) mounts. */
    private final Map<String, Set<String>> consumers = new ConcurrentHashMap<>();
    private final StorageKnobs knobs;

    StorageSimulator(SimContext sim) {
        this.sim = sim;
        this.knobs = new StorageKnobs(sim);
    }

    void start() {
        sim.client.batch().v1().jobs().inAnyNamespace().inform(sim.handler("job consumer",
                j -> consumer("Job", j, j.getSpec().getTemplate().getSpec(), true), j -> gone("Job", j)));
        sim.client.apps().deployments().inAnyNamespace().inform(sim.handler("deployment consumer",
                d -> consumer("Deployment", d, d.getSpec().getTemplate().getSpec(), replicas(d.getSpec().getReplicas())),
                d -> gone("Deployment", d)));
        sim.client.apps().statefulSets().inAnyNamespace().inform(sim.handler("statefulset consumer",
                s -> consumer("StatefulSet", s, s.getSpec().getTemplate().getSpec(), replicas(s.getSpec().getReplicas())),
                s -> gone("StatefulSet", s)));
        sim.client.persistentVolumeClaims().inAnyNamespace().inform(sim.handler("pvc", this::pvcChanged,
                p -> sim.lineage.deleteVolume(SimContext.key(p))));
        VolumeSnapshots.of(sim.client).inAnyNamespace().inform(sim.handler("volumesnapshot", this::snapshotChanged,
                s -> sim.lineage.deleteSnapshot(SimContext.key(s))));
    }

    // ---- first consumers ----

    private static boolean replicas(Integer replicas) {
        return replicas == null || replicas > 0;
    }

    /** A workload that runs pods with {@code spec}: its claims have a consumer (if it runs any pod). */
    private void consumer(String kind, HasMetadata workload, PodSpec spec, boolean runsPods) {
        String namespace = workload.getMetadata().getNamespace();
        Set<String> claims = new HashSet<>();
        if (runsPods && spec != null && spec.getVolumes() != null) {
            spec.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                    .forEach(v -> claims.add(Lineage.key(namespace, v.getPersistentVolumeClaim().getClaimName())));
        }
        consumers.put(kind + "/" + SimContext.key(workload), claims);
        for (String claim : claims) {
            if (awaitingConsumer.remove(claim)) {
                String[] parts = claim.split("/", 2);
                Optional.ofNullable(sim.client.persistentVolumeClaims().inNamespace(parts[0]).withName(parts[1]).get())
                        .ifPresent(this::pvcChanged);
            }
        }
    }

    private void gone(String kind, HasMetadata workload) {
        consumers.remove(kind + "/" + SimContext.key(workload));
    }

    /** A PVC of a WaitForFirstConsumer class that no pod mounts yet. */
    private boolean waitsForConsumer(PersistentVolumeClaim pvc) {
        String storageClass = pvc.getSpec().getStorageClassName();
        String mode = knobs.volumeBinding(pvc).orElseGet(() -> storageClass != null
                && sim.settings.volumeBindings.containsKey(storageClass) ? sim.settings.volumeBindings.get(storageClass)
                : sim.settings.defaultVolumeBinding);
        String key = SimContext.key(pvc);
        return SimulatedCluster.WAIT_FOR_FIRST_CONSUMER.equals(mode)
                && consumers.values().stream().noneMatch(claims -> claims.contains(key));
    }

    // ---- PVCs ----

    private void pvcChanged(PersistentVolumeClaim pvc) {
        String phase = Optional.ofNullable(pvc.getStatus()).map(PersistentVolumeClaimStatus::getPhase).orElse("");
        if (phase.equals("Bound") || sim.settings.pendingPvcs.stream().anyMatch(p -> p.test(pvc))) {
            return;
        }
        if (waitsForConsumer(pvc)) {
            awaitingConsumer.add(SimContext.key(pvc));
            return;
        }
        Optional<String> snapshot = snapshotSource(pvc);
        if (snapshot.isPresent()) {
            GenericKubernetesResource source = VolumeSnapshots.of(sim.client)
                    .inNamespace(pvc.getMetadata().getNamespace()).withName(snapshot.get()).get();
            String snapshotKey = Lineage.key(pvc.getMetadata().getNamespace(), snapshot.get());
            if (source == null || !VolumeSnapshots.readyToUse(source) || !fits(pvc, source)
                    || sim.lineage.snapshot(pvc.getMetadata().getNamespace(), snapshot.get()).isEmpty()) {
                waiting.computeIfAbsent(snapshotKey, k -> ConcurrentHashMap.newKeySet()).add(SimContext.key(pvc));
                return;
            }
        }
        if (scheduled.add("pvc " + pvc.getMetadata().getUid())) {
            sim.later(sim.settings.pvcBindsAfter, "bind " + SimContext.key(pvc), () -> bind(pvc, snapshot));
        }
    }

    private void bind(PersistentVolumeClaim pvc, Optional<String> snapshot) {
        String namespace = pvc.getMetadata().getNamespace();
        String volume = SimContext.key(pvc);
        if (sim.client.persistentVolumeClaims().inNamespace(namespace).withName(pvc.getMetadata().getName())
                .get() == null) {
            return;
        }
        snapshot.ifPresentOrElse(s -> sim.lineage.restoreVolume(volume, Lineage.key(namespace, s)),
                () -> sim.lineage.createVolume(volume));
        Map<String, Quantity> capacity = new LinkedHashMap<>(Optional.ofNullable(pvc.getSpec().getResources())
                .map(r -> r.getRequests()).orElse(Map.of("storage", new Quantity("1Gi"))));
        sim.writeStatus("binding of " + volume, () -> sim.client.persistentVolumeClaims().inNamespace(namespace)
                .withName(pvc.getMetadata().getName()).editStatus(current -> {
                    PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatus();
                    status.setPhase("Bound");
                    status.setCapacity(capacity);
                    status.setAccessModes(current.getSpec().getAccessModes());
                    current.setStatus(status);
                    return current;
                }));
    }

    private static Optional<String> snapshotSource(PersistentVolumeClaim pvc) {
        TypedLocalObjectReference ref = pvc.getSpec().getDataSource();
        if (ref == null && pvc.getSpec().getDataSourceRef() != null) {
            var r = pvc.getSpec().getDataSourceRef();
            ref = new TypedLocalObjectReference(r.getApiGroup(), r.getKind(), r.getName());
        }
        return Optional.ofNullable(ref).filter(r -> VolumeSnapshots.KIND.equals(r.getKind()))
                .map(TypedLocalObjectReference::getName);
    }

    private static boolean fits(PersistentVolumeClaim pvc, GenericKubernetesResource snapshot) {
        Optional<Quantity> requested = Optional.ofNullable(pvc.getSpec().getResources())
                .map(r -> r.getRequests()).map(r -> r.get("storage"));
        Optional<String> restoreSize = VolumeSnapshots.restoreSize(snapshot);
        return restoreSize.isEmpty() || requested.map(Quantity::getAmountInBytes)
                .map(bytes -> bytes.compareTo(Quantity.getAmountInBytes(new Quantity(restoreSize.get()))) >= 0)
                .orElse(false);
    }

    // ---- VolumeSnapshots ----

    private void snapshotChanged(GenericKubernetesResource snapshot) {
        if (VolumeSnapshots.readyToUse(snapshot)) {
            retryWaitingPvcs(SimContext.key(snapshot));
            return;
        }
        if (snapshot.get("status", "error") != null || !scheduled.add("snapshot " + uid(snapshot))) {
            return;
        }
        sim.later(sim.settings.snapshotReadyAfter, "snapshot " + SimContext.key(snapshot), () -> cut(snapshot));
    }

    private void cut(GenericKubernetesResource snapshot) {
        String namespace = snapshot.getMetadata().getNamespace();
        String name = snapshot.getMetadata().getName();
        if (VolumeSnapshots.of(sim.client).inNamespace(namespace).withName(name).get() == null) {
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("readyToUse", false);
        if (sim.settings.failingSnapshots.stream().anyMatch(p -> p.test(snapshot)) || knobs.snapshotFails(snapshot)) {
            status.put("error", Map.of("message", "simulated snapshot failure", "time", SimContext.timestamp()));
            writeStatus(namespace, name, status);
            return;
        }
        String pvcName = VolumeSnapshots.sourcePvc(snapshot).orElse("");
        PersistentVolumeClaim pvc = sim.client.persistentVolumeClaims().inNamespace(namespace).withName(pvcName).get();
        boolean bound = pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
        if (!bound || !sim.lineage.captureSnapshot(SimContext.key(snapshot), Lineage.key(namespace, pvcName))) {
            // like the snapshot controller: try again until the source is there and bound
            sim.later(sim.settings.snapshotReadyAfter, "snapshot retry " + SimContext.key(snapshot), () -> cut(snapshot));
            return;
        }
        status.put("readyToUse", true);
        status.put("creationTime", SimContext.timestamp());
        status.put("restoreSize", Optional.ofNullable(pvc.getStatus().getCapacity()).map(c -> c.get("storage"))
                .map(Quantity::toString).orElse("1Gi"));
        status.put("boundVolumeSnapshotContentName", "snapcontent-" + uid(snapshot));
        writeStatus(namespace, name, status);
    }

    private void writeStatus(String namespace, String name, Map<String, Object> status) {
        sim.writeStatus("status of snapshot " + namespace + "/" + name, () -> VolumeSnapshots.of(sim.client)
                .inNamespace(namespace).withName(name).editStatus(current -> {
                    current.setAdditionalProperty("status", status);
                    return current;
                }));
    }

    private void retryWaitingPvcs(String snapshotKey) {
        Set<String> pvcs = waiting.remove(snapshotKey);
        if (pvcs == null) {
            return;
        }
        for (String key : pvcs) {
            String[] parts = key.split("/", 2);
            PersistentVolumeClaim pvc = sim.client.persistentVolumeClaims().inNamespace(parts[0]).withName(parts[1]).get();
            if (pvc != null) {
                pvcChanged(pvc);
            }
        }
    }

    /** Re-examines every PVC, e.g. after a knob that kept some Pending was lifted. */
    void recheckPvcs() {
        List<PersistentVolumeClaim> all = sim.client.persistentVolumeClaims().inAnyNamespace().list().getItems();
        all.forEach(this::pvcChanged);
    }

    private static String uid(GenericKubernetesResource r) {
        return r.getMetadata().getUid();
    }
}
