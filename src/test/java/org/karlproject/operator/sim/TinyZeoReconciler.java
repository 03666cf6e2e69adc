package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;

/**
 * A deliberately tiny stand-in for the real ZeoDatabase reconciler, to exercise the harness: it creates a PVC,
 * a zeo.conf ConfigMap and a ZEO Deployment (restarted when zeo.conf changes), sets Ready from the
 * Deployment's status, writes only what differs, and polls every 100 ms instead of watching its children.
 */
final class TinyZeoReconciler implements Reconciler<ZeoDatabase> {
    static final AtomicInteger RECONCILES = new AtomicInteger();

    @Override
    public UpdateControl<ZeoDatabase> reconcile(ZeoDatabase db, Context<ZeoDatabase> context) {
        RECONCILES.incrementAndGet();
        KubernetesClient client = context.getClient();
        String ns = db.getMetadata().getNamespace();
        String name = db.getMetadata().getName();
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion(db.getApiVersion()).withKind(db.getKind())
                .withName(name).withUid(db.getMetadata().getUid()).withController(true).build();

        if (client.persistentVolumeClaims().inNamespace(ns).withName(name + "-data").get() == null) {
            client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name + "-data")
                    .withNamespace(ns).withOwnerReferences(owner).endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                    .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()).create();
        }
        String zeoConf = "<zeo>\n  address 0.0.0.0:8100\n  read-only " + Boolean.TRUE.equals(db.getSpec().getReadOnly())
                + "\n</zeo>\n";
        ConfigMap config = client.configMaps().inNamespace(ns).withName(name + "-zeo").get();
        if (config == null || !zeoConf.equals(config.getData().get("zeo.conf"))) {
            client.resource(new ConfigMapBuilder().withNewMetadata().withName(name + "-zeo").withNamespace(ns)
                    .withOwnerReferences(owner).endMetadata().withData(Map.of("zeo.conf", zeoConf)).build())
                    .createOr(c -> c.update());
        }
        String hash = Integer.toHexString(zeoConf.hashCode());
        Deployment deployment = client.apps().deployments().inNamespace(ns).withName(name + "-zeo").get();
        if (deployment == null || !db.getSpec().getImage().equals(image(deployment))
                || !hash.equals(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("zeo-conf"))) {
            client.resource(deployment(db, owner, hash)).createOr(d -> d.update());
            deployment = null;
        }
        boolean ready = deployment != null && deployment.getStatus() != null
                && Objects.equals(deployment.getStatus().getObservedGeneration(), deployment.getMetadata().getGeneration())
                && deployment.getStatus().getReadyReplicas() != null && deployment.getStatus().getReadyReplicas() > 0;

        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setObservedGeneration(db.getMetadata().getGeneration());
        status.setActiveVolume(name + "-data");
        status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "ZeoReady" : "ZeoStarting").withMessage("")
                .withObservedGeneration(db.getMetadata().getGeneration()).build()));
        UpdateControl<ZeoDatabase> control;
        if (sameStatus(db.getStatus(), status)) {
            control = UpdateControl.noUpdate();
        } else {
            ZeoDatabase patch = new ZeoDatabase();
            patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns)
                    .build());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return control.rescheduleAfter(Duration.ofMillis(100));
    }

    private static boolean sameStatus(ZeoDatabaseStatus current, ZeoDatabaseStatus desired) {
        if (current == null) {
            return false;
        }
        List<String> a = current.getConditions().stream().map(TinyZeoReconciler::brief).toList();
        List<String> b = desired.getConditions().stream().map(TinyZeoReconciler::brief).toList();
        return a.equals(b) && Objects.equals(current.getObservedGeneration(), desired.getObservedGeneration())
                && Objects.equals(current.getActiveVolume(), desired.getActiveVolume());
    }

    private static String brief(Condition c) {
        return c.getType() + "=" + c.getStatus() + "/" + c.getReason();
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static Deployment deployment(ZeoDatabase db, OwnerReference owner, String hash) {
        String name = db.getMetadata().getName();
        return new DeploymentBuilder().withNewMetadata().withName(name + "-zeo")
                .withNamespace(db.getMetadata().getNamespace()).withOwnerReferences(owner)
                .withLabels(Map.of("app.kubernetes.io/name", "zeo")).endMetadata()
                .withNewSpec().withReplicas(1).withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Map.of("app", name + "-zeo")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name + "-zeo"))
                .withAnnotations(Map.of("zeo-conf", hash)).endMetadata()
                .withNewSpec().addNewContainer().withName("zeo").withImage(db.getSpec().getImage()).endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(name + "-data")
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("conf").withNewConfigMap().withName(name + "-zeo").endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }
}
