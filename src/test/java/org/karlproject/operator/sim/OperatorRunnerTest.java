package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.NS;
import static org.karlproject.operator.sim.Fixtures.zeoDatabase;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;

class OperatorRunnerTest {
    private SimHarness h;

    @BeforeEach
    void boot() {
        h = SimHarness.start(() -> List.of(new TinyZeoReconciler()));
    }

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void bootsAndConvergesAReconcilerOnTheSimulatedCluster() {
        h.step("a user creates a ZeoDatabase");
        ZeoDatabase db = h.apply(zeoDatabase("prod", false));

        h.step("the operator creates ZEO and the simulated cluster makes it ready");
        h.awaitCondition(db, "Ready", "True");
        assertEquals("Bound", h.client().persistentVolumeClaims().inNamespace(NS).withName("prod-data").get()
                .getStatus().getPhase());
        h.awaitThat("ZEO serves prod-data writable", () -> h.cluster().zeoServers()
                .containsValue(new ZeoServer(NS + "/prod-zeo", NS + "/prod-data", false)));
    }

    @Test
    void aNoOpReconcileMakesZeroWrites() {
        ZeoDatabase db = h.apply(zeoDatabase("prod", false));
        h.awaitCondition(db, "Ready", "True");
        Requests converging = h.requests().snapshot().from(OperatorRunner.USER_AGENT).writes();
        assertTrue(converging.countByResource().keySet().containsAll(List.of("persistentvolumeclaims", "configmaps",
                "deployments", "zeodatabases/status")), converging::toString);

        assertTrue(h.requests().snapshot().from(OperatorRunner.USER_AGENT).permissions().containsAll(List.of(
                "apps/deployments:create", "/configmaps:get", "deploy.karlproject.org/zeodatabases:watch",
                "deploy.karlproject.org/zeodatabases/status:patch")),
                () -> h.requests().snapshot().from(OperatorRunner.USER_AGENT).permissions().toString());

        h.step("once converged, further reconciles write nothing");
        long mark = h.requests().mark();
        int reconciles = TinyZeoReconciler.RECONCILES.get();
        h.awaitThat("three more reconciles", () -> TinyZeoReconciler.RECONCILES.get() >= reconciles + 3);
        Requests since = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        assertEquals(0, since.writes().count(), since::toString);
        assertTrue(since.verb("get").count() > 0);
    }

    @Test
    void restartsOnTheSameStoredStateWithFreshReconcilers() {
        ZeoDatabase db = h.apply(zeoDatabase("prod", false));
        h.awaitCondition(db, "Ready", "True");

        h.step("the operator dies; meanwhile a user asks for read-only");
        h.operator().stop();
        assertFalse(h.operator().isRunning());
        h.edit(db, d -> d.getSpec().setReadOnly(true));

        h.step("a fresh operator picks up from the stored state alone");
        h.operator().start();
        assertEquals(2, h.operator().starts());
        h.awaitThat("ZEO restarted read-only", () -> h.cluster().zeoServers()
                .containsValue(new ZeoServer(NS + "/prod-zeo", NS + "/prod-data", true)));
        h.awaitCondition(db, "Ready", "True");
        List<Deployment> deployments = h.client().apps().deployments().inNamespace(NS).list().getItems();
        assertEquals(1, deployments.size());
        assertEquals(1, h.requests().snapshot().from(OperatorRunner.USER_AGENT).verb("create")
                .resource("deployments").filter(r -> r.status() == 201).count());
    }

    @Test
    void garbageCollectsChildrenOfADeletedOwnerWhenEnabled() {
        h.cluster().garbageCollection(true);
        ZeoDatabase db = h.apply(zeoDatabase("prod", false));
        h.awaitCondition(db, "Ready", "True");

        h.step("the owner is deleted; its children follow");
        h.operator().stop();
        h.client().resource(db).delete();
        h.awaitThat("children collected", () -> h.client().apps().deployments().inNamespace(NS).list().getItems()
                .isEmpty() && h.client().configMaps().inNamespace(NS).withName("prod-zeo").get() == null
                && h.client().persistentVolumeClaims().inNamespace(NS).withName("prod-data").get() == null);
    }
}
