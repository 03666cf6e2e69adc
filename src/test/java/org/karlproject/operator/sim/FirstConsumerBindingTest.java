package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.NS;
import static org.karlproject.operator.sim.Fixtures.pvc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;

/**
 * volumeBindingMode WaitForFirstConsumer: a PVC binds only once a pod that mounts it exists; and the
 * sandbox's storage annotations on a ZeoDatabase.
 */
class FirstConsumerBindingTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    private static boolean bound(PersistentVolumeClaim p) {
        return p != null && p.getStatus() != null && "Bound".equals(p.getStatus().getPhase());
    }

    private PersistentVolumeClaim classed(String name, String storageClass, Map<String, String> labels) {
        PersistentVolumeClaim pvc = pvc(name, "1Gi");
        pvc.getSpec().setStorageClassName(storageClass);
        pvc.getMetadata().setLabels(labels);
        return h.apply(pvc);
    }

    private Job mounting(String claim) {
        return h.apply(new JobBuilder().withNewMetadata().withName("uses-" + claim).withNamespace(NS).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("busybox@sha256:" + "f".repeat(64)).endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build());
    }

    @Test
    void aWaitForFirstConsumerClaimBindsOnlyWhenAPodMountsIt() {
        h.cluster().volumeBinding("wffc", SimulatedCluster.WAIT_FOR_FIRST_CONSUMER);
        PersistentVolumeClaim waiting = classed("late", "wffc", Map.of());
        PersistentVolumeClaim immediate = classed("early", "standard", Map.of());
        h.await(immediate, "to be Bound (Immediate)", FirstConsumerBindingTest::bound);
        assertTrue(!bound(h.get(waiting)), "no consumer yet: still Pending");
        assertTrue(h.lineage().volume(NS, "late").isEmpty(), "not provisioned either");

        h.step("a Job mounts it: its pod is the first consumer");
        mounting("late");
        h.await(waiting, "to be Bound once a Job mounts it", FirstConsumerBindingTest::bound);
        assertTrue(h.lineage().volume(NS, "late").isPresent());
    }

    @Test
    void aJobsPodRunsOnlyOnceTheVolumesItMountsAreBound() {
        h.cluster().keepPending("held");
        classed("held", null, Map.of());
        Job waiting = mounting("held");
        Job free = h.apply(new JobBuilder().withNewMetadata().withName("no-volume").withNamespace(NS).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
                .withName("c").withImage("busybox@sha256:" + "f".repeat(64)).endContainer().endSpec().endTemplate()
                .endSpec().build());
        h.await(free, "to complete", FirstConsumerBindingTest::complete);
        assertTrue(!complete(h.get(waiting)), "its volume is not bound: the pod has not run");
        h.cluster().bindPendingPvcs();
        h.await(waiting, "to complete once its volume is bound", FirstConsumerBindingTest::complete);
    }

    private static boolean complete(Job job) {
        return job != null && job.getStatus() != null && job.getStatus().getSucceeded() != null
                && job.getStatus().getSucceeded() == 1;
    }

    @Test
    void aZeoDatabasesSandboxAnnotationsRehearseStorageFailures() {
        h.apply(Serialization.unmarshal("""
                apiVersion: deploy.karlproject.org/v1alpha1
                kind: ZeoDatabase
                metadata:
                  name: acme
                  namespace: %s
                  annotations:
                    sandbox.karlproject.org/volume-binding: WaitForFirstConsumer
                    sandbox.karlproject.org/snapshot-result: Failed
                spec: {image: "registry.example.org/zeo@sha256:%s", storage: {size: 1Gi}}
                """.formatted(NS, "e".repeat(64)), ZeoDatabase.class));
        Map<String, String> ofAcme = Map.of(Labels.DATABASE, "acme");
        PersistentVolumeClaim data = classed("acme-data-1", null, ofAcme);
        PersistentVolumeClaim other = classed("other-data-1", null, Map.of(Labels.DATABASE, "other"));
        h.await(other, "to be Bound (another database, Immediate)", FirstConsumerBindingTest::bound);
        assertTrue(!bound(h.get(data)), "acme's volume waits for its first consumer");
        mounting("acme-data-1");
        h.await(data, "to be Bound once mounted", FirstConsumerBindingTest::bound);

        GenericKubernetesResource snapshot = VolumeSnapshots.of(NS, "acme-backup", "acme-data-1", "csi-snapclass");
        snapshot.getMetadata().setLabels(ofAcme);
        VolumeSnapshots.of(h.client()).resource(snapshot).create();
        GenericKubernetesResource failed = Await.value("acme's snapshot to fail", Duration.ofSeconds(10),
                () -> java.util.Optional.ofNullable(VolumeSnapshots.of(h.client()).inNamespace(NS)
                        .withName("acme-backup").get()).filter(s -> s.get("status", "error") != null).orElse(null));
        assertEquals(false, failed.get("status", "readyToUse"));
    }
}
