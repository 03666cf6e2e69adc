package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;

/**
 * Plays the ZeoDatabase's side of the EvolveRun contract until the real reconciler is merged, and nothing
 * more: a data PVC, a ZEO Deployment (recognised by the simulated cluster, so ZEO writes while writable)
 * restarted whenever its volume or read-only mode changes; holders from EvolveRun phases ({@link Holds});
 * the switch to a Switching run's restored volume (once, retaining the old one); {@code readOnly.active}
 * only once ZEO actually runs read-only. The initial generations come from the annotation
 * {@value #GENERATIONS}. Polls every 50 ms (or as told); writes only what changed.
 */
@ControllerConfiguration(name = "fake-zeodatabase")
final class FakeZeoDatabaseController implements Reconciler<ZeoDatabase> {
    static final String GENERATIONS = "test.karlproject.org/generations";

    private final Duration poll;

    FakeZeoDatabaseController() {
        this(Duration.ofMillis(50));
    }

    /** A slower database side, so that every phase of a run lasts long enough to stop the operator in it. */
    FakeZeoDatabaseController(Duration poll) {
        this.poll = poll;
    }

    @Override
    public UpdateControl<ZeoDatabase> reconcile(ZeoDatabase db, Context<ZeoDatabase> context) {
        KubernetesClient client = context.getClient();
        String ns = db.getMetadata().getNamespace();
        String name = db.getMetadata().getName();
        ZeoDatabaseStatus status = db.getStatus() == null ? new ZeoDatabaseStatus()
                : client.getKubernetesSerialization().clone(db.getStatus());
        Instant now = Instant.now();
        if (status.getActiveVolume() == null) {
            status.setActiveVolume(name + "-data");
            status.setGenerations(parse(Optional.ofNullable(db.getMetadata().getAnnotations())
                    .map(a -> a.get(GENERATIONS)).orElse("")));
        }
        if (client.persistentVolumeClaims().inNamespace(ns).withName(name + "-data").get() == null) {
            client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name + "-data")
                    .withNamespace(ns).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
                    .endSpec().build()).create();
        }
        List<EvolveRun> runs = client.resources(EvolveRun.class).inNamespace(ns).list().getItems();
        List<ReadOnlyHolder> holders = new ArrayList<>();
        for (EvolveRun run : runs) {
            if (Holds.holds(run, name)) {
                ReadOnlyHolder holder = new ReadOnlyHolder();
                holder.setKind(Holds.HOLDER_KIND);
                holder.setName(run.getMetadata().getName());
                holders.add(holder);
            }
            if (Holds.holds(run, name) && run.getStatus().getPhase() == EvolvePhase.Switching
                    && run.getStatus().getRestoredVolume() != null
                    && !run.getStatus().getRestoredVolume().equals(status.getActiveVolume())
                    && status.getPreviousVolumes().stream()
                            .noneMatch(p -> p.getName().equals(run.getStatus().getRestoredVolume()))) {
                PreviousVolume previous = new PreviousVolume();
                previous.setName(status.getActiveVolume());
                previous.setReason("EvolveRun " + run.getMetadata().getName());
                previous.setGenerations(status.getGenerations());
                status.getPreviousVolumes().add(0, previous);
                status.setActiveVolume(run.getStatus().getRestoredVolume());
                status.setGenerations(new TreeMap<>(run.getStatus().getToGenerations()));
            }
        }
        boolean readOnly = Boolean.TRUE.equals(db.getSpec().getReadOnly()) || !holders.isEmpty();
        String conf = "<zeo>\n  address 0.0.0.0:8100\n  read-only " + readOnly + "\n</zeo>\n";
        String confName = name + "-zeo-" + Integer.toHexString(conf.hashCode());
        if (client.configMaps().inNamespace(ns).withName(confName).get() == null) {
            client.resource(new ConfigMapBuilder().withNewMetadata().withName(confName).withNamespace(ns)
                    .endMetadata().withData(Map.of("zeo.conf", conf)).build()).create();
        }
        Deployment deployment = client.apps().deployments().inNamespace(ns).withName(name + "-zeo").get();
        Deployment desired = deployment(ns, name, status.getActiveVolume(), confName, readOnly);
        boolean current = deployment != null && Objects.equals(deployment.getSpec().getTemplate().getMetadata()
                .getAnnotations(), desired.getSpec().getTemplate().getMetadata().getAnnotations());
        if (!current) {
            client.resource(desired).createOr(d -> d.update());
        }
        boolean ready = current && deployment.getStatus() != null
                && Objects.equals(deployment.getStatus().getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Optional.ofNullable(deployment.getStatus().getReadyReplicas()).orElse(0) > 0;

        ReadOnlyStatus ro = new ReadOnlyStatus();
        ro.setActive(ready ? readOnly : Optional.ofNullable(status.getReadOnly()).map(ReadOnlyStatus::getActive)
                .orElse(false));
        ro.setHolders(holders);
        status.setReadOnly(ro);
        status.setObservedGeneration(db.getMetadata().getGeneration());
        status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "ZeoReady" : "ZeoStarting").withMessage("")
                .withObservedGeneration(db.getMetadata().getGeneration()).build()));
        UpdateControl<ZeoDatabase> control = UpdateControl.noUpdate();
        if (!Objects.equals(client.getKubernetesSerialization().asJson(db.getStatus()),
                client.getKubernetesSerialization().asJson(status))) {
            ZeoDatabase patch = new ZeoDatabase();
            patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return control.rescheduleAfter(poll);
    }

    private static Deployment deployment(String ns, String name, String volume, String conf, boolean readOnly) {
        Map<String, String> annotations = Map.of("volume", volume, "zeo-conf", conf, "read-only", "" + readOnly);
        return new DeploymentBuilder().withNewMetadata().withName(name + "-zeo").withNamespace(ns)
                .withLabels(Map.of("app.kubernetes.io/name", "zeo")).endMetadata()
                .withNewSpec().withReplicas(1).withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Map.of("app", name + "-zeo")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name + "-zeo"))
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().addNewContainer().withName("zeo").withImage("zeo@sha256:" + "a".repeat(64)).endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(volume)
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("conf").withNewConfigMap().withName(conf).endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> generations = new TreeMap<>();
        for (String pair : text.split(",")) {
            if (pair.contains("=")) {
                String[] kv = pair.split("=", 2);
                generations.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return generations;
    }
}
