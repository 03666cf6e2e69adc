package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.KARL_IMAGE;
import static org.karlproject.operator.sim.Fixtures.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
        assertEquals(0, h.get(d).getStatus().getReadyReplicas(), "the late one is not ready when the prompt one is");
        h.awaitCondition(d, "Available", "True");
    }

    /** Every status the Deployment controller writes for {@code name}: "replicas/updated/ready/available". */
    private List<String> recordStatuses(String name) {
        List<String> seen = new CopyOnWriteArrayList<>();
        h.client().apps().deployments().inNamespace(Fixtures.NS).withName(name).watch(new Watcher<Deployment>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                var s = d.getStatus();
                if (s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= 2) {
                    seen.add(s.getObservedGeneration() + ":" + s.getReplicas() + "/" + s.getUpdatedReplicas() + "/"
                            + s.getReadyReplicas() + "/" + s.getAvailableReplicas());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        return seen;
    }

    @Test
    void aRecreateRolloutWritesTheRealControllersStatusesInOrder() {
        Deployment d = deployment("zeo", Fixtures.ZEO_IMAGE, 1);
        d.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
        Deployment ready = h.awaitCondition(h.apply(d), "Available", "True");
        List<String> seen = recordStatuses("zeo");

        h.step("a new template");
        ready.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("restart", "1"));
        h.client().resource(ready).update();
        h.await(d, "rolled out", x -> x.getStatus().getObservedGeneration() == 2L && x.getStatus().getUpdatedReplicas() == 1
                && x.getStatus().getReadyReplicas() == 1);
        h.awaitThat("the last status seen", () -> seen.contains("2:1/1/1/1"));
        assertEquals(List.of("2:1/0/1/1", "2:1/0/0/0", "2:0/0/0/0", "2:1/1/0/0", "2:1/1/1/1"), seen,
                "observed while the old pod still counts ready, old terminating, gone, new starting, new ready");
    }

    @Test
    void aRollingUpdateSurgesAndRemovesTheOldPodOnlyOnceTheNewOneIsReady() {
        Deployment ready = h.awaitCondition(h.apply(deployment("web", KARL_IMAGE, 1)), "Available", "True");
        List<String> seen = recordStatuses("web");

        h.step("a new template");
        ready.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("restart", "1"));
        h.client().resource(ready).update();
        h.awaitThat("the last status seen", () -> seen.contains("2:1/1/1/1"));
        assertEquals(List.of("2:1/0/1/1", "2:2/1/1/1", "2:2/1/2/2", "2:1/1/1/1"), seen);

        h.step("a new template whose image never becomes ready: the old pod keeps serving");
        String broken = "registry.example/broken@sha256:" + "e".repeat(64);
        h.cluster().neverReady(broken);
        Deployment current = h.get(ready);
        current.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(broken);
        h.client().resource(current).update();
        h.awaitThat("the surge pod", () -> seen.contains("3:2/1/1/1"));
        assertEquals(1, h.get(ready).getStatus().getReadyReplicas(), "the old pod still serves");
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
