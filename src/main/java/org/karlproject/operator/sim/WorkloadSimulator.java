package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Duration;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.k8s.Rollouts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays the Deployment and StatefulSet controllers and the kubelet. A Deployment goes through the statuses
 * a real Deployment controller writes, one status write per step, {@code rolloutStepsEvery} apart:
 * <ol>
 *   <li>the new generation is observed while the old pods still run and count as ready and available
 *       ({@code updatedReplicas: 0});</li>
 *   <li>{@code Recreate}: the old pods terminate (still counted in {@code replicas}, no longer ready), then
 *       are gone, and only then the new pods start ({@code updatedReplicas} counts them, not ready yet);
 *       {@code RollingUpdate}: the new pods start next to the old ones (surge), and the old ones go only
 *       once the new ones are ready (never, if the new image never becomes ready);</li>
 *   <li>after the image's ready delay the new pods are ready.</li>
 * </ol>
 * A ZEO server keeps running, with the mode it started with, until its pod is gone. A replica-count change
 * without a new template adds or removes pods of the current template. StatefulSets settle in one step.
 */
final class WorkloadSimulator {
    private final SimContext sim;
    private final ZeoSimulator zeo;
    private final Invariants invariants;
    private final SandboxKnobs knobs;
    /** The pods of each Deployment ({@code ns/name}); touched only on the scheduler thread. */
    private final Map<String, Pods> pods = new HashMap<>();

    /** A Deployment's pods: those of its current template and those of older ones, and how many are ready. */
    private static final class Pods {
        String template;
        int current;
        int currentReady;
        int old;
        int oldReady;
        /** The generation whose rollout runs; a step of an older one stops. */
        long generation;

        int replicas() {
            return current + old;
        }

        int ready() {
            return currentReady + oldReady;
        }
    }

    WorkloadSimulator(SimContext sim, ZeoSimulator zeo, Invariants invariants, SandboxKnobs knobs) {
        this.sim = sim;
        this.knobs = knobs;
        this.zeo = zeo;
        this.invariants = invariants;
    }

    void start() {
        sim.client.apps().deployments().inAnyNamespace()
                .inform(sim.handler("deployment", this::deploymentChanged, this::deploymentDeleted));
        sim.client.apps().statefulSets().inAnyNamespace()
                .inform(sim.handler("statefulset", this::statefulSetChanged, s -> zeo.stopped(SimContext.key(s))));
    }

    /** How many pods of a Deployment are running now, of any template (for the invariant monitor). */
    int runningPods(String workload) {
        return Optional.ofNullable(pods.get(workload)).map(Pods::replicas).orElse(0);
    }

    /** How many pods of a Deployment are ready now, of any template. */
    int readyPods(String workload) {
        return Optional.ofNullable(pods.get(workload)).map(Pods::ready).orElse(0);
    }

    private void deploymentDeleted(Deployment d) {
        pods.remove(SimContext.key(d));
        zeo.stopped(SimContext.key(d));
        invariants.check();
    }

    private void deploymentChanged(Deployment d) {
        String key = SimContext.key(d);
        Pods state = pods.computeIfAbsent(key, k -> new Pods());
        long generation = Optional.ofNullable(d.getMetadata().getGeneration()).orElse(1L);
        if (state.generation == generation) {
            return; // our own status writes, or a change of metadata only
        }
        state.generation = generation;
        String template = ContentHash.of(d.getSpec().getTemplate());
        boolean newTemplate = !template.equals(state.template);
        if (newTemplate) {
            state.template = template;
            state.old += state.current;
            state.oldReady += state.currentReady;
            state.current = 0;
            state.currentReady = 0;
        }
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        Duration every = sim.settings.rolloutStepsEvery;
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(every, () -> { })); // 1: the new generation observed, the old pods still counted ready
        if (recreate && state.old > 0) {
            steps.add(new Step(every, () -> state.oldReady = 0)); // 2: the old pods terminate (ZEO still runs)
            steps.add(new Step(sim.settings.podsTerminateAfter, () -> oldPodsGone(key, state))); // 3: ... gone
        }
        steps.add(new Step(every, () -> scaleCurrent(key, state, replicas(d)))); // the new pods start
        step(d, state, generation, steps, 0);
    }

    /** One status write of a rollout, {@code after} the previous one. */
    private record Step(Duration after, Runnable action) {
    }

    /** Runs one step, writes the status it leads to, and schedules the next; the last one waits for readiness. */
    private void step(Deployment d, Pods state, long generation, List<Step> steps, int index) {
        String key = SimContext.key(d);
        sim.later(steps.get(index).after(), "rollout step " + (index + 1) + " of " + key, () -> {
            if (state.generation != generation || pods.get(key) != state) {
                return; // a newer generation took over, or the Deployment is gone
            }
            steps.get(index).action().run();
            writeStatus(d, state);
            if (index + 1 < steps.size()) {
                step(d, state, generation, steps, index + 1);
            } else {
                sim.later(readyDelay(d.getSpec().getTemplate()), "pods of " + key + " ready",
                        () -> becomeReady(d, state, generation));
            }
        });
    }

    private void oldPodsGone(String key, Pods state) {
        state.old = 0;
        state.oldReady = 0;
        zeo.stopped(key);
        invariants.check();
    }

    /** Adds (not ready yet) or removes pods of the current template. */
    private void scaleCurrent(String key, Pods state, int replicas) {
        state.current = replicas;
        state.currentReady = Math.min(state.currentReady, replicas);
        if (state.replicas() == 0) {
            zeo.stopped(key);
        }
    }

    private void becomeReady(Deployment d, Pods state, long generation) {
        String key = SimContext.key(d);
        if (state.generation != generation || pods.get(key) != state) {
            return;
        }
        boolean ready = !neverReady(d, d.getSpec().getTemplate());
        if (ready) {
            boolean started = state.currentReady == 0 && state.current > 0;
            state.currentReady = state.current;
            writeStatus(d, state);
            if (started) { // a pod added to running ones (a scale-up) does not restart those
                afterSettled(d, d.getSpec().getTemplate(), state.currentReady);
            }
            if (state.old > 0) { // a rolling update: the old pods go once the new ones are ready
                sim.later(sim.settings.rolloutStepsEvery, "old pods of " + key + " gone", () -> {
                    if (state.generation == generation && pods.get(key) == state) {
                        state.old = 0;
                        state.oldReady = 0;
                        writeStatus(d, state);
                    }
                });
            }
        }
        if (!ready || state.old > 0) {
            int deadline = Optional.ofNullable(d.getSpec().getProgressDeadlineSeconds()).orElse(600);
            sim.later(Duration.ofSeconds(deadline), "progress deadline " + key,
                    () -> progressDeadlineExceeded(d.getMetadata().getNamespace(), d.getMetadata().getName(),
                            generation));
        }
    }

    private void writeStatus(Deployment d, Pods state) {
        String namespace = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        int wanted = replicas(d);
        int available = state.ready();
        boolean complete = state.current == wanted && state.currentReady == wanted && state.old == 0;
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(state.generation)
                .withReplicas(state.replicas()).withUpdatedReplicas(state.current)
                .withReadyReplicas(state.ready()).withAvailableReplicas(available)
                .withUnavailableReplicas(wanted - available > 0 ? wanted - available : null)
                .withConditions(
                        condition("Available", available >= wanted, available >= wanted ? "MinimumReplicasAvailable"
                                : "MinimumReplicasUnavailable"),
                        condition("Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated"))
                .build();
        sim.writeStatus("status of " + namespace + "/" + name, () -> sim.client.apps().deployments()
                .inNamespace(namespace).withName(name).editStatus(current -> {
                    current.setStatus(status);
                    return current;
                }));
        invariants.check();
    }

    private static int replicas(Deployment d) {
        return Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    }

    private void statefulSetChanged(StatefulSet s) {
        Long observedGeneration = s.getStatus() == null ? null : s.getStatus().getObservedGeneration();
        if (Objects.equals(observedGeneration, s.getMetadata().getGeneration())) {
            return;
        }
        zeo.stopped(SimContext.key(s)); // the old pod goes first
        sim.later(readyDelay(s.getSpec().getTemplate()), "StatefulSet status " + SimContext.key(s),
                () -> settleStatefulSet(s.getMetadata().getNamespace(), s.getMetadata().getName()));
    }

    /** Like the Deployment controller: no progress within progressDeadlineSeconds sets Progressing=False. */
    private void progressDeadlineExceeded(String namespace, String name, long generation) {
        Deployment d = sim.client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null || d.getMetadata().getGeneration() != generation || d.getStatus() == null
                || Rollouts.complete(d)) {
            return;
        }
        sim.writeStatus("progress of " + namespace + "/" + name, () -> sim.client.apps().deployments()
                .inNamespace(namespace).withName(name).editStatus(current -> {
                    List<DeploymentCondition> conditions = new java.util.ArrayList<>(current.getStatus().getConditions());
                    conditions.removeIf(c -> "Progressing".equals(c.getType()));
                    conditions.add(condition("Progressing", false, "ProgressDeadlineExceeded"));
                    current.getStatus().setConditions(conditions);
                    return current;
                }));
    }

    private void settleStatefulSet(String namespace, String name) {
        StatefulSet s = sim.client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (s == null) {
            return;
        }
        int replicas = Optional.ofNullable(s.getSpec().getReplicas()).orElse(1);
        int ready = neverReady(s, s.getSpec().getTemplate()) ? 0 : replicas;
        String revision = s.getMetadata().getName() + "-" + s.getMetadata().getGeneration();
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(s.getMetadata().getGeneration())
                .withReplicas(replicas).withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(ready).withAvailableReplicas(ready)
                .withCurrentRevision(revision).withUpdateRevision(revision)
                .build();
        sim.writeStatus("status of " + namespace + "/" + name, () -> sim.client.apps().statefulSets()
                .inNamespace(namespace).withName(name).editStatus(current -> {
                    current.setStatus(status);
                    return current;
                }));
        afterSettled(s, s.getSpec().getTemplate(), ready);
    }

    private void afterSettled(HasMetadata workload, PodTemplateSpec template, int ready) {
        ZeoRule rule = sim.settings.zeoRule;
        Map<String, String> labels = Optional.ofNullable(workload.getMetadata().getLabels()).orElse(Map.of());
        if (ready == 0 || !rule.labelValue().equals(labels.get(rule.labelKey()))) {
            return;
        }
        List<Volume> volumes = Optional.ofNullable(template.getSpec().getVolumes()).orElse(List.of());
        Optional<String> claim = volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).findFirst();
        String zeoConf = volumes.stream().filter(v -> v.getConfigMap() != null)
                .map(v -> sim.client.configMaps().inNamespace(workload.getMetadata().getNamespace())
                        .withName(v.getConfigMap().getName()).get())
                .filter(Objects::nonNull).map(ConfigMap::getData).filter(Objects::nonNull)
                .map(data -> data.get(rule.configKey())).filter(Objects::nonNull).findFirst().orElse(null);
        claim.ifPresent(pvc -> zeo.started(SimContext.key(workload),
                Lineage.key(workload.getMetadata().getNamespace(), pvc), ZeoRule.readOnly(zeoConf)));
        invariants.check();
    }

    private boolean neverReady(HasMetadata workload, PodTemplateSpec template) {
        return images(template).anyMatch(sim.settings.neverReadyImages::contains) || zeo.cannotStart(template)
                || knobs.neverReady(workload.getMetadata().getNamespace(), template.getMetadata() == null ? null
                        : template.getMetadata().getLabels());
    }

    private Duration readyDelay(PodTemplateSpec template) {
        return images(template).map(sim.settings.readyLateImages::get).filter(Objects::nonNull)
                .max(Duration::compareTo).orElse(sim.settings.workloadReadyAfter);
    }

    private static java.util.stream.Stream<String> images(PodTemplateSpec template) {
        return Optional.ofNullable(template.getSpec().getContainers()).orElse(List.of()).stream()
                .map(Container::getImage);
    }

    private static DeploymentCondition condition(String type, boolean status, String reason) {
        String now = SimContext.timestamp();
        return new DeploymentConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason).withLastTransitionTime(now).withLastUpdateTime(now).build();
    }
}
