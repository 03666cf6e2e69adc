package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Plays kubelet, the built-in controllers and CSI on the embedded API server: Deployments and StatefulSets
 * become ready, Jobs finish, PVCs bind, VolumeSnapshots become ready, ZEO servers write, and (optionally)
 * owned objects are garbage-collected. It watches with its own client (user agent {@value #USER_AGENT}), writes
 * only status subresources (and deletes, for GC), never spec, and runs everything on one scheduler thread.
 *
 * <p>Knobs take effect for objects that appear (or change) after they are set: set them before the step
 * that should see them.
 */
public final class SimulatedCluster implements AutoCloseable {
    public static final String USER_AGENT = "karl-simulated-cluster";
    /** volumeBindingMode: a PVC binds (and is provisioned or restored) without waiting for a consumer. */
    public static final String IMMEDIATE = "Immediate";
    /** volumeBindingMode: a PVC binds only once a pod (a Deployment's, a StatefulSet's, a Job's) mounts it. */
    public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    private final KubernetesClient client;
    private final ScheduledExecutorService scheduler;
    private final SimSettings settings = new SimSettings();
    private final Lineage lineage = new Lineage();
    private final ZeoSimulator zeo;
    private final JobSimulator jobs;
    private final StorageSimulator storage;
    private final Invariants invariants;
    private final ConfigMapMounts mounts;

    private SimulatedCluster(ApiServer server) {
        client = server.client(USER_AGENT);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulated-cluster");
            t.setDaemon(true);
            return t;
        });
        SimContext sim = new SimContext(client, scheduler, lineage, settings);
        SandboxKnobs knobs = new SandboxKnobs(sim);
        knobs.start();
        zeo = new ZeoSimulator(sim, knobs);
        mounts = new ConfigMapMounts(sim);
        mounts.start();
        jobs = new JobSimulator(sim, knobs);
        storage = new StorageSimulator(sim);
        invariants = new Invariants(sim, zeo);
        WorkloadSimulator workloads = new WorkloadSimulator(sim, zeo, invariants, knobs);
        workloads.start();
        invariants.start(workloads);
        jobs.start();
        storage.start();
        zeo.start();
        new GarbageCollector(sim).start();
        new IngressController(sim).start();
        new GatewaySimulator(sim).start();
    }

    public static SimulatedCluster start(ApiServer server) {
        return new SimulatedCluster(server);
    }

    // ---- timing ----

    /** How long a Deployment or StatefulSet takes to become ready (default 50 ms). */
    public SimulatedCluster workloadsReadyAfter(Duration delay) {
        settings.workloadReadyAfter = delay;
        return this;
    }

    /**
     * The pause between two status writes of a Deployment rollout (default 30 ms): the controller observes
     * the new generation while the old pods still count as ready, then (Recreate) they terminate and are
     * gone, then the new pods start; they are ready after {@link #workloadsReadyAfter}.
     */
    public SimulatedCluster rolloutStepsEvery(Duration delay) {
        settings.rolloutStepsEvery = delay;
        return this;
    }

    /**
     * How long a terminating pod takes to be gone (default 100 ms; its grace period on a real node): a ZEO
     * server keeps running, with the mode it started with, until then.
     */
    public SimulatedCluster podsTerminateAfter(Duration delay) {
        settings.podsTerminateAfter = delay;
        return this;
    }

    /**
     * How long a changed ConfigMap takes to reach the files of running pods that mount it (default 2 s; up
     * to a minute on a real node): see {@link #mountedConfigMap}.
     */
    public SimulatedCluster configMapsReachPodsAfter(Duration delay) {
        settings.configMapPropagation = delay;
        return this;
    }

    /** How long each Job attempt runs unless its rule says otherwise (default 100 ms). */
    public SimulatedCluster jobsRunFor(Duration duration) {
        settings.jobRunsFor = duration;
        return this;
    }

    public SimulatedCluster pvcsBindAfter(Duration delay) {
        settings.pvcBindsAfter = delay;
        return this;
    }

    public SimulatedCluster snapshotsReadyAfter(Duration delay) {
        settings.snapshotReadyAfter = delay;
        return this;
    }

    /** How often a writable ZEO server writes to its volume (default 50 ms). */
    public SimulatedCluster zeoWritesEvery(Duration interval) {
        settings.zeoWritesEvery = interval;
        return this;
    }

    /**
     * The Ingress classes the simulated ingress controller serves (default {@code nginx} and {@code traefik});
     * an Ingress of another class gets no status, as on a cluster where no controller serves it.
     */
    public SimulatedCluster ingressClasses(String... classes) {
        settings.ingressClasses.clear();
        settings.ingressClasses.addAll(List.of(classes));
        return this;
    }

    /** Whether an Ingress without ingressClassName is served (default true: the cluster has a default class). */
    public SimulatedCluster defaultIngressClass(boolean present) {
        settings.defaultIngressClass = present;
        return this;
    }

    /** The address admitted Ingresses get in status.loadBalancer (default 127.0.0.1). */
    public SimulatedCluster ingressAddress(String ip) {
        settings.ingressAddress = ip;
        return this;
    }

    /**
     * The Gateways ({@code namespace/name}) that accept HTTPRoutes (default {@code gateways/public}); a route
     * attached to another is not accepted. The Gateway API itself is {@link ApiServer#gatewayApi}.
     */
    public SimulatedCluster gateways(String... gateways) {
        settings.gateways.clear();
        settings.gateways.addAll(List.of(gateways));
        return this;
    }

    /** Turns ownerReference garbage collection on or off (default off, like the mock server). */
    public SimulatedCluster garbageCollection(boolean enabled) {
        settings.garbageCollection = enabled;
        return this;
    }

    /** Turns the invariant monitor on or off (default on; see {@link #invariantViolations()}). */
    public SimulatedCluster invariants(boolean enabled) {
        settings.invariants = enabled;
        return this;
    }

    /** How ZEO servers and their read-only mode are recognised (default {@link ZeoRule#DEFAULT}). */
    public SimulatedCluster zeoRule(ZeoRule rule) {
        settings.zeoRule = rule;
        return this;
    }

    // ---- workloads ----

    /** Workloads running this image never become ready (a crash loop). */
    public SimulatedCluster neverReady(String image) {
        settings.neverReadyImages.add(image);
        return this;
    }

    /** Workloads running this image become ready only after this delay. */
    public SimulatedCluster readyLate(String image, Duration delay) {
        settings.readyLateImages.put(image, delay);
        return this;
    }

    /** Lifts {@link #neverReady} and {@link #readyLate} for this image (for workloads that change later). */
    public SimulatedCluster healthy(String image) {
        settings.neverReadyImages.remove(image);
        settings.readyLateImages.remove(image);
        return this;
    }

    // ---- jobs ----

    /** Adds a rule; the newest matching rule decides. Jobs without a rule succeed. */
    public SimulatedCluster onJobs(JobRule rule) {
        settings.jobRules.add(0, rule);
        return this;
    }

    public SimulatedCluster failJobs(JobMatcher matcher) {
        return onJobs(JobRule.fail(matcher));
    }

    /** The matching Jobs' first {@code attempts} pods fail, later ones succeed (within backoffLimit). */
    public SimulatedCluster failJobs(JobMatcher matcher, int attempts) {
        return onJobs(JobRule.failTimes(matcher, attempts));
    }

    /** The matching Jobs run until their activeDeadlineSeconds (or forever). */
    public SimulatedCluster hangJobs(JobMatcher matcher) {
        return onJobs(JobRule.hang(matcher));
    }

    public SimulatedCluster succeedJobs(JobMatcher matcher) {
        return onJobs(JobRule.succeed(matcher));
    }

    /** Every Job seen so far, in order of appearance. */
    public List<JobRun> jobRuns() {
        return jobs.runs();
    }

    public Optional<JobRun> jobRun(String namespace, String name) {
        return jobRuns().stream().filter(r -> r.namespace().equals(namespace) && r.name().equals(name)).findFirst();
    }

    // ---- storage ----

    /** Matching PVCs stay Pending (no provisioner answers). */
    public SimulatedCluster keepPending(Predicate<PersistentVolumeClaim> pvcs) {
        settings.pendingPvcs.add(pvcs);
        return this;
    }

    public SimulatedCluster keepPending(String pvcName) {
        return keepPending(pvc -> pvc.getMetadata().getName().equals(pvcName));
    }

    /** Lifts every {@link #keepPending} knob and binds the PVCs it held. */
    public SimulatedCluster bindPendingPvcs() {
        settings.pendingPvcs.clear();
        scheduler.execute(storage::recheckPvcs);
        return this;
    }

    /**
     * The volumeBindingMode of a storage class ({@link #IMMEDIATE} or {@link #WAIT_FOR_FIRST_CONSUMER});
     * {@code null} names the PVCs without storageClassName (the cluster's default class).
     */
    public SimulatedCluster volumeBinding(String storageClass, String mode) {
        if (storageClass == null) {
            settings.defaultVolumeBinding = mode;
        } else {
            settings.volumeBindings.put(storageClass, mode);
        }
        return this;
    }

    /** Matching VolumeSnapshots report {@code status.error} instead of becoming ready. */
    public SimulatedCluster failSnapshots(Predicate<GenericKubernetesResource> snapshots) {
        settings.failingSnapshots.add(snapshots);
        return this;
    }

    public SimulatedCluster failSnapshot(String snapshotName) {
        return failSnapshots(s -> s.getMetadata().getName().equals(snapshotName));
    }

    // ---- data ----

    /** What each volume and snapshot holds, and who wrote or evolved it. */
    public Lineage lineage() {
        return lineage;
    }

    /** The ZEO servers running now, by workload ({@code ns/name}). */
    public Map<String, ZeoServer> zeoServers() {
        return zeo.running();
    }

    /** A ZEO server mounting a PVC of this name (any namespace) never becomes ready: it cannot open the file. */
    public SimulatedCluster zeoCannotStartOn(String pvc) {
        zeo.cannotStartOn(pvc);
        return this;
    }

    /**
     * What the invariant monitor saw go wrong so far (read-only reported while ZEO is writable, two ZEO pods
     * on one volume, a writable site whose release expects other generations than its data, a committed
     * write missing from the volume served later), each as "when invariant: what".
     */
    public List<String> invariantViolations() {
        return invariants.violations().stream().map(Object::toString).toList();
    }

    /**
     * What running pods that mount this ConfigMap see in its files now: a change arrives only after
     * {@link #configMapsReachPodsAfter} (e.g. the mode in KARL's runtime ConfigMap, which the app reads live).
     */
    public Optional<Map<String, String>> mountedConfigMap(String namespace, String name) {
        return mounts.seen(namespace, name);
    }

    /** How many ZEO write ticks have passed: wait for a few to prove that nothing was written. */
    public long zeoTicks() {
        return zeo.ticks();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
