package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.KARL_IMAGE;
import static org.karlproject.operator.sim.Fixtures.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadSimulatorTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void aDeploymentBecomesReadyForItsGeneration() {
        Deployment d = h.apply(deployment("web", KARL_IMAGE, 2));
        Deployment ready = h.awaitCondition(d, "Available", "True");
        assertEquals(ready.getMetadata().getGeneration(), ready.getStatus().getObservedGeneration());
        assertEquals(2, ready.getStatus().getReadyReplicas());
        assertEquals(2, ready.getStatus().getUpdatedReplicas());
        assertEquals("NewReplicaSetAvailable", SimHarness.condition(ready, "Progressing").orElseThrow().get("reason"));

        h.step("a spec change is observed again");
        ready.getSpec().setReplicas(3);
        h.client().resource(ready).update();
        Deployment scaled = h.await(d, "to have 3 ready replicas",
                x -> x.getStatus().getReadyReplicas() == 3 && x.getStatus().getObservedGeneration() == 2L);
        assertEquals(3, scaled.getStatus().getAvailableReplicas());
    }

    @Test
    void anImageThatNeverBecomesReadyKeepsTheDeploymentUnavailable() {
        String broken = "registry.example/broken@sha256:" + "c".repeat(64);
        h.cluster().neverReady(broken);
        Deployment d = h.apply(deployment("web", broken, 1));
        Deployment seen = h.await(d, "observed", x -> x.getStatus() != null && x.getStatus().getObservedGeneration() != null);
        assertEquals(0, seen.getStatus().getReadyReplicas());
        assertEquals("False", SimHarness.condition(seen, "Available").orElseThrow().get("status"));
    }

    @Test
    void aNeverReadyDeploymentExceedsItsProgressDeadline() {
        String broken = "registry.example/broken@sha256:" + "c".repeat(64);
        h.cluster().neverReady(broken);
        Deployment d = deployment("web", broken, 1);
        d.getSpec().setProgressDeadlineSeconds(1);
        Deployment stalled = h.awaitCondition(h.apply(d), "Progressing", "False");
        assertEquals("ProgressDeadlineExceeded", SimHarness.condition(stalled, "Progressing").orElseThrow()
                .get("reason"));
    }

    @Test
    void anImageCanBecomeReadyLate() {
        h.cluster().readyLate(KARL_IMAGE, Duration.ofMillis(1500));
        Deployment d = h.apply(deployment("late", KARL_IMAGE, 1));
        h.apply(deployment("prompt", "registry.example/other@sha256:" + "d".repeat(64), 1));
        h.awaitCondition(deployment("prompt", "", 1), "Available", "True");
        assertEquals(null, h.get(d).getStatus(), "the late one is not ready when the prompt one is");
        h.awaitCondition(d, "Available", "True");
    }

    @Test
    void aStatefulSetBecomesReady() {
        StatefulSet s = h.apply(new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace(Fixtures.NS)
                .endMetadata().withNewSpec().withReplicas(1).withServiceName("db").withNewTemplate().withNewSpec()
                .addNewContainer().withName("zeo").withImage(Fixtures.ZEO_IMAGE).endContainer().endSpec().endTemplate()
                .endSpec().build());
        StatefulSet ready = h.await(s, "ready", x -> x.getStatus() != null && Integer.valueOf(1).equals(x.getStatus()
                .getReadyReplicas()));
        assertEquals(1L, ready.getStatus().getObservedGeneration());
        assertTrue(ready.getStatus().getCurrentRevision().startsWith("db-"));
        assertEquals(0, h.requests().snapshot().from(SimulatedCluster.USER_AGENT).writes()
                .filter(r -> r.subresource().isEmpty()).count(), "the cluster writes status only");
    }
}
