package org.karlproject.operator.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/** The knobs of the simulated cluster; change them through {@link SimulatedCluster}'s methods. */
final class SimSettings {
    volatile Duration workloadReadyAfter = Duration.ofMillis(50);
    /** Between two status writes of a Deployment rollout (observed, old pods terminating, gone, new pods). */
    volatile Duration rolloutStepsEvery = Duration.ofMillis(30);
    /** How long a terminating pod takes to be gone (its process runs until then: a ZEO keeps serving). */
    volatile Duration podsTerminateAfter = Duration.ofMillis(100);
    /** How long a changed ConfigMap takes to reach the volumes of running pods that mount it (kubelet sync). */
    volatile Duration configMapPropagation = Duration.ofSeconds(2);
    /** Whether the invariant monitor checks every state change. */
    volatile boolean invariants = true;
    volatile Duration jobRunsFor = Duration.ofMillis(100);
    volatile Duration pvcBindsAfter = Duration.ofMillis(20);
    volatile Duration snapshotReadyAfter = Duration.ofMillis(50);
    volatile Duration zeoWritesEvery = Duration.ofMillis(50);
    volatile Duration gcEvery = Duration.ofMillis(100);
    volatile boolean garbageCollection;
    volatile ZeoRule zeoRule = ZeoRule.DEFAULT;
    /** volumeBindingMode of a PVC whose storage class has none set here (Immediate: binds without a consumer). */
    volatile String defaultVolumeBinding = SimulatedCluster.IMMEDIATE;
    /** volumeBindingMode per storage class name. */
    final Map<String, String> volumeBindings = new ConcurrentHashMap<>();

    /** The Ingress classes the simulated ingress controller serves. */
    final Set<String> ingressClasses = ConcurrentHashMap.newKeySet();
    /** Whether an Ingress without a class is served (the cluster has a default class). */
    volatile boolean defaultIngressClass = true;
    /** The address the ingress controller writes into an admitted Ingress' status.loadBalancer. */
    volatile String ingressAddress = "127.0.0.1";

    {
        ingressClasses.addAll(List.of("nginx", "traefik"));
    }

    /** The Gateways (namespace/name) the simulated Gateway controller runs: HTTPRoutes attached to them are accepted. */
    final Set<String> gateways = ConcurrentHashMap.newKeySet();

    {
        gateways.add("gateways/public");
    }

    final Set<String> neverReadyImages = ConcurrentHashMap.newKeySet();
    final Map<String, Duration> readyLateImages = new ConcurrentHashMap<>();
    /** Newest first: the first rule that matches a Job decides what it does. */
    final List<JobRule> jobRules = new CopyOnWriteArrayList<>();
    final List<Predicate<PersistentVolumeClaim>> pendingPvcs = new CopyOnWriteArrayList<>();
    final List<Predicate<GenericKubernetesResource>> failingSnapshots = new CopyOnWriteArrayList<>();
}
