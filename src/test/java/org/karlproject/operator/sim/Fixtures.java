package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseSpec;

/** Small object builders for the harness's own tests. */
final class Fixtures {
    static final String NS = "default";
    static final String ZEO_IMAGE = "registry.example/zeo@sha256:" + "a".repeat(64);
    static final String KARL_IMAGE = "registry.example/karl@sha256:" + "b".repeat(64);

    private Fixtures() {
    }

    static ZeoDatabase zeoDatabase(String name, boolean readOnly) {
        ZeoDatabase db = new ZeoDatabase();
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        ZeoDatabaseSpec spec = new ZeoDatabaseSpec();
        spec.setImage(ZEO_IMAGE);
        spec.setReadOnly(readOnly);
        db.setSpec(spec);
        return db;
    }

    static Deployment deployment(String name, String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name))
                .endSelector().withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    static JobBuilder job(String name, String image, String... command) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(image).withCommand(command).endContainer()
                .endSpec().endTemplate().endSpec();
    }

    /** A Job mounting one PVC, optionally marked as an evolve run with targets. */
    static Job evolveJob(String name, String pvc, String targets) {
        return job(name, KARL_IMAGE, "bin/evolve").editMetadata()
                .withLabels(Map.of(EvolveJobContract.LABEL, name)).endMetadata()
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName(EvolveJobContract.TARGETS_ENV).withValue(targets).endEnv()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/zeo").endVolumeMount()
                .endContainer().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(pvc)
                .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();
    }

    static PersistentVolumeClaim pvc(String name, String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new Quantity(size))).endResources().endSpec().build();
    }

    static PersistentVolumeClaim restoredPvc(String name, String size, String snapshot) {
        return new PersistentVolumeClaimBuilder(pvc(name, size)).editSpec().withNewDataSource()
                .withApiGroup(VolumeSnapshots.GROUP).withKind(VolumeSnapshots.KIND).withName(snapshot)
                .endDataSource().endSpec().build();
    }
}
