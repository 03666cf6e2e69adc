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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays the Deployment and StatefulSet controllers and the kubelet: after a delay, a workload's status
 * reports its current generation observed and its replicas ready, unless one of its images never becomes
 * ready. Starts and stops the simulated ZEO servers.
 */
final class WorkloadSimulator {
    private final SimContext sim;
    private final ZeoSimulator zeo;

    WorkloadSimulator(SimContext sim, ZeoSimulator zeo) {
        this.sim = sim;
        this.zeo = zeo;
    }

    void start() {
        sim.client.apps().deployments().inAnyNamespace()
                .inform(sim.handler("deployment", this::deploymentChanged, d -> zeo.stopped(SimContext.key(d))));
        sim.client.apps().statefulSets().inAnyNamespace()
                .inform(sim.handler("statefulset", this::statefulSetChanged, s -> zeo.stopped(SimContext.key(s))));
    }

    private void deploymentChanged(Deployment d) {
        changed(d, d.getStatus() == null ? null : d.getStatus().getObservedGeneration(), d.getSpec().getTemplate(),
                () -> settleDeployment(d.getMetadata().getNamespace(), d.getMetadata().getName()));
    }

    private void statefulSetChanged(StatefulSet s) {
        changed(s, s.getStatus() == null ? null : s.getStatus().getObservedGeneration(), s.getSpec().getTemplate(),
                () -> settleStatefulSet(s.getMetadata().getNamespace(), s.getMetadata().getName()));
    }

    /** A generation not yet observed: its old pods stop now, its new ones are ready after the delay. */
    private void changed(HasMetadata workload, Long observedGeneration, PodTemplateSpec template, Runnable settle) {
        if (Objects.equals(observedGeneration, workload.getMetadata().getGeneration())) {
            return;
        }
        zeo.stopped(SimContext.key(workload)); // the old pod goes first (a ZEO workload uses Recreate)
        sim.later(readyDelay(template), workload.getKind() + " status " + SimContext.key(workload), settle);
    }

    private void settleDeployment(String namespace, String name) {
        Deployment d = sim.client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            return;
        }
        int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        int ready = neverReady(d.getSpec().getTemplate()) ? 0 : replicas;
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready == 0 ? null : replicas - ready)
                .withConditions(
                        condition("Available", ready == replicas, ready == replicas ? "MinimumReplicasAvailable"
                                : "MinimumReplicasUnavailable"),
                        condition("Progressing", true, ready == replicas ? "NewReplicaSetAvailable"
                                : "ReplicaSetUpdated"))
                .build();
        sim.writeStatus("status of " + namespace + "/" + name, () -> sim.client.apps().deployments()
                .inNamespace(namespace).withName(name).editStatus(current -> {
                    current.setStatus(status);
                    return current;
                }));
        afterSettled(d, d.getSpec().getTemplate(), ready);
        if (ready < replicas) {
            long generation = d.getMetadata().getGeneration();
            int deadline = Optional.ofNullable(d.getSpec().getProgressDeadlineSeconds()).orElse(600);
            sim.later(Duration.ofSeconds(deadline), "progress deadline " + SimContext.key(d),
                    () -> progressDeadlineExceeded(namespace, name, generation));
        }
    }

    /** Like the Deployment controller: no progress within progressDeadlineSeconds sets Progressing=False. */
    private void progressDeadlineExceeded(String namespace, String name, long generation) {
        Deployment d = sim.client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null || d.getMetadata().getGeneration() != generation || d.getStatus() == null
                || Objects.equals(d.getStatus().getReadyReplicas(), d.getStatus().getReplicas())) {
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
        int ready = neverReady(s.getSpec().getTemplate()) ? 0 : replicas;
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
    }

    private boolean neverReady(PodTemplateSpec template) {
        return images(template).anyMatch(sim.settings.neverReadyImages::contains) || zeo.cannotStart(template);
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
