package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.PodSecurity;
import org.karlproject.operator.k8s.Rollouts;

/**
 * The ZEO server's workload: a Deployment with one replica and the {@code Recreate} strategy.
 *
 * <p>Why not a StatefulSet: the volume ZEO serves is status ({@code status.activeVolume}) and switches
 * between PVCs (after an evolve run, a reseed or a data-restore rollback); a StatefulSet's
 * volumeClaimTemplates bind a pod to one claim name forever. Why Recreate: ZEO holds a lock on
 * {@code Data.fs}; Recreate stops the old pod before the new one starts, so two ZEO processes never open
 * the same FileStorage and a switch never serves two volumes at once.
 *
 * <p>The pod template carries the hash of the rendered zeo.conf and the read-only mode: a change of either
 * (the read-only flip) is a new template, hence a restart of ZEO with the new configuration.
 */
public final class ZeoDeployment {

    private ZeoDeployment() {
    }

    public static Deployment of(ZeoDatabase db, String volume, String zeoConf, boolean readOnly) {
        int port = db.getSpec().getPort();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(DatabaseObjects.CONFIG_HASH, ZeoConf.hash(zeoConf));
        annotations.put(DatabaseObjects.READ_ONLY, String.valueOf(readOnly));
        ResourceRequirements resources = Optional.ofNullable(db.getSpec().getResources())
                .orElseGet(ResourceRequirements::new);
        return new DeploymentBuilder()
                .withMetadata(DatabaseObjects.metadata(db, DatabaseObjects.deploymentName(db), true))
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(DatabaseObjects.zeoSelector(db)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(DatabaseObjects.labels(db)).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withSecurityContext(PodSecurity.pod())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .addToContainers(new ContainerBuilder()
                        .withName("zeo")
                        .withImage(db.getSpec().getImage())
                        .withCommand("runzeo", "-C", ZeoConf.CONFIG_DIR + "/" + ZeoConf.KEY)
                        .addNewPort().withName("zeo").withContainerPort(port).withProtocol("TCP").endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                        .withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                        .withResources(resources)
                        .withSecurityContext(PodSecurity.container())
                        .addNewVolumeMount().withName("data").withMountPath(ZeoConf.DATA_DIR).endVolumeMount()
                        .addNewVolumeMount().withName("config").withMountPath(ZeoConf.CONFIG_DIR).withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        .build())
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(volume)
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName(DatabaseObjects.configMapName(db))
                .endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The claim the Deployment's pods mount, if any. */
    public static Optional<String> servedVolume(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).findFirst();
    }

    /**
     * Whether the current template is rolled out, as {@code kubectl rollout status} means it: observed, its
     * replica updated, ready and available, and no pod of an older template left (a Recreate rollout first
     * reports the new generation observed while the old pod still serves and counts as ready).
     */
    public static boolean rolledOut(Deployment deployment) {
        return Rollouts.complete(deployment);
    }

    /** The read-only mode of the template (what ZEO runs with once rolled out). */
    public static boolean templateReadOnly(Deployment deployment) {
        return "true".equals(Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .map(a -> a.get(DatabaseObjects.READ_ONLY)).orElse(null));
    }
}
