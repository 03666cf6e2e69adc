package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.KARL_IMAGE;
import static org.karlproject.operator.sim.Fixtures.NS;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;

class FaultsTest {
    private final SimHarness h = SimHarness.withoutOperator(() -> List.of(new TinyZeoReconciler()));

    @AfterEach
    void shutDown() {
        h.close();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().build();
    }

    @Test
    void anInjectedConflictIsSeenByTheClientOnceAndLogged() {
        FaultRule rule = h.faults().inject(FaultRule.on("create", "configmaps").times(1).respond(409));
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> h.client().resource(configMap("a")).create());
        assertEquals(409, e.getCode());
        h.client().resource(configMap("a")).create();
        assertEquals(1, rule.hits());
        Requests creates = h.requests().snapshot().from(ApiServer.ADMIN_USER_AGENT).verb("create").resource("configmaps");
        assertEquals(List.of(409, 201), creates.list().stream().map(ApiRequest::status).toList());
    }

    @Test
    void aShareOfRequestsFailsWith500() {
        h.client().resource(configMap("b")).create();
        h.faults().inject(FaultRule.on("get", "configmaps").named("b").share(0.5).respond(500));
        // Fabric8 clients retry 5xx answers (with backoff) by default; this one must see every failure.
        KubernetesClient noRetries = h.server().client("no-retries", b -> b.withRequestRetryBackoffLimit(0));
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            try {
                noRetries.configMaps().inNamespace(NS).withName("b").get();
            } catch (KubernetesClientException e) {
                assertEquals(500, e.getCode());
                failed++;
            }
        }
        noRetries.close();
        assertTrue(failed > 0 && failed < 20, "some but not all failed: " + failed);
    }

    @Test
    void aDelayedRequestIsStillServed() {
        h.client().resource(configMap("c")).create();
        FaultRule rule = h.faults().inject(FaultRule.on("get", "configmaps").delay(Duration.ofMillis(100)));
        assertEquals("c", h.client().configMaps().inNamespace(NS).withName("c").get().getMetadata().getName());
        assertEquals(1, rule.hits());
        h.faults().clear();
    }

    @Test
    void aTimedOutRequestFailsOnTheClient() {
        h.client().resource(configMap("t")).create();
        h.faults().inject(FaultRule.on("get", "configmaps").named("t").timeout());
        try (KubernetesClient impatient = h.server().client("impatient",
                b -> b.withRequestTimeout(200).withRequestRetryBackoffLimit(0))) {
            assertThrows(KubernetesClientException.class,
                    () -> impatient.configMaps().inNamespace(NS).withName("t").get());
        }
        assertEquals(1, h.requests().snapshot().from("impatient").count());
    }

    @Test
    void theOperatorRecoversFromInjectedStatusConflictsAndServerErrors() {
        FaultRule conflicts = h.faults().inject(FaultRule.on("patch", "zeodatabases/status")
                .from(OperatorRunner.USER_AGENT).times(2).respond(409));
        FaultRule errors = h.faults().inject(FaultRule.on("create", "deployments")
                .from(OperatorRunner.USER_AGENT).times(1).respond(500));
        h.operator().start();
        ZeoDatabase db = h.apply(Fixtures.zeoDatabase("prod", false));
        h.awaitCondition(db, "Ready", "True");
        assertEquals(2, conflicts.hits());
        assertEquals(1, errors.hits());
        Requests operator = h.requests().snapshot().from(OperatorRunner.USER_AGENT);
        assertEquals(2, operator.resource("zeodatabases/status").filter(r -> r.status() == 409).count());
        assertEquals(1, operator.verb("create").resource("deployments").filter(r -> r.status() == 500).count());
    }

    @Test
    void theSimulatedClusterRetriesItsOwnFailedStatusWrites() {
        FaultRule rule = h.faults().inject(FaultRule.on("patch", "jobs/status").from(SimulatedCluster.USER_AGENT)
                .times(3).respond(409));
        var job = h.apply(Fixtures.job("retried", KARL_IMAGE, "x").build());
        h.awaitCondition(job, "Complete", "True");
        assertEquals(3, rule.hits());
    }

    @Test
    void droppedWatchesAreReopenedAndEventsStillFlow() {
        h.awaitThat("the simulated cluster watches", () -> h.faults().openWatches() > 0);
        int open = h.faults().openWatches();
        assertTrue(h.faults().dropWatches() > 0);
        long mark = h.requests().mark();
        h.awaitThat("watches reopened", () -> h.requests().snapshot().since(mark).verb("watch").count() >= open);
        var d = h.apply(Fixtures.deployment("after-drop", KARL_IMAGE, 1));
        h.awaitCondition(d, "Available", "True");
    }

    @Test
    void requestsAreCountedByVerbResourceAndNamespace() {
        long mark = h.requests().mark();
        h.client().resource(configMap("d")).create();
        h.client().configMaps().inNamespace(NS).withName("d").get();
        h.client().configMaps().inNamespace(NS).list();
        h.client().configMaps().inNamespace(NS).withName("d").delete();
        Requests mine = h.requests().snapshot().since(mark).from(ApiServer.ADMIN_USER_AGENT);
        assertEquals(4, mine.count(), mine::toString);
        assertEquals(2, mine.writes().count());
        assertEquals(java.util.Map.of("create", 1L, "delete", 1L, "get", 1L, "list", 1L), mine.countByVerb());
        assertEquals(java.util.Map.of("configmaps", 4L), mine.countByResource());
        assertEquals(java.util.Map.of(NS, 4L), mine.countByNamespace());
        h.requests().reset();
        assertEquals(0, h.requests().snapshot().since(mark).from(ApiServer.ADMIN_USER_AGENT).count());
    }
}
