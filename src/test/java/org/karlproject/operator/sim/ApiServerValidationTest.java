package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;

/** The simulated API server rejects what a real one rejects, and assigns a fresh uid to every create. */
class ApiServerValidationTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    private KubernetesClientException rejected(Runnable create) {
        KubernetesClientException e = assertThrows(KubernetesClientException.class, create::run);
        assertEquals(422, e.getCode());
        assertEquals("Invalid", e.getStatus().getReason());
        return e;
    }

    private static ConfigMap configMap(String name, Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(Fixtures.NS).withLabels(labels)
                .endMetadata().build();
    }

    @Test
    void namesAndLabelValuesARealServerRejectsGet422() {
        String seventy = "a".repeat(70);
        var service = rejected(() -> h.client().resource(new ServiceBuilder().withNewMetadata().withName(seventy)
                .withNamespace(Fixtures.NS).endMetadata().withNewSpec().addToSelector("app", "x").endSpec().build())
                .create());
        assertEquals("metadata.name", service.getStatus().getDetails().getCauses().get(0).getField());
        rejected(() -> h.client().resource(new ServiceBuilder().withNewMetadata().withName("acme.prod")
                .withNamespace(Fixtures.NS).endMetadata().build()).create());
        rejected(() -> h.client().resource(new ServiceBuilder().withNewMetadata().withName("ok")
                .withNamespace(Fixtures.NS).endMetadata().withNewSpec().addToSelector("app", seventy).endSpec()
                .build()).create());
        var label = rejected(() -> h.client().resource(configMap("ok", Map.of("app.kubernetes.io/instance", seventy)))
                .create());
        assertEquals("metadata.labels", label.getStatus().getDetails().getCauses().get(0).getField());
        rejected(() -> h.client().resource(configMap("b".repeat(254), Map.of())).create());
        rejected(() -> h.client().resource(configMap("ok", Map.of("bad key!", "x"))).create());
        rejected(() -> h.client().resource(configMap("ok", Map.of("k", "-starts-with-dash"))).create());
        var job = Fixtures.job("j".repeat(64), Fixtures.KARL_IMAGE, "true").build();
        rejected(() -> h.client().resource(job).create());
        var deployment = Fixtures.deployment("web", Fixtures.KARL_IMAGE, 1);
        deployment.getSpec().getSelector().setMatchLabels(Map.of("app", seventy));
        rejected(() -> h.client().resource(deployment).create());

        h.step("what a real server accepts is stored");
        assertTrue(h.client().resource(configMap("c".repeat(253), Map.of("k", "v".repeat(63), "e", ""))).create()
                .getMetadata().getUid() != null);
        h.client().resource(new ServiceBuilder().withNewMetadata().withName("s".repeat(63)).withNamespace(Fixtures.NS)
                .endMetadata().build()).create();
        assertEquals(null, h.client().configMaps().inNamespace(Fixtures.NS).withName("ok").get(), "nothing rejected was stored");
    }

    @Test
    void anObjectDeletedAndCreatedAgainHasANewUid() {
        ConfigMap first = h.client().resource(configMap("again", Map.of())).create();
        h.client().resource(first).delete();
        h.awaitThat("deleted", () -> h.client().configMaps().inNamespace(Fixtures.NS).withName("again").get() == null);
        ConfigMap copy = new ConfigMapBuilder(first).editMetadata().withResourceVersion(null).endMetadata().build();
        ConfigMap second = h.client().resource(copy).create();
        assertNotEquals(first.getMetadata().getUid(), second.getMetadata().getUid(),
                "a real API server assigns the uid of a create, whatever its body says");
    }

    @Test
    void aPutFromAStaleCopyIsRefusedWith409ForTheObjectAndForItsStatusAlike() {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName("karl-3-30").withNamespace(Fixtures.NS).build());
        release.setSpec(new ReleaseIndexSpec());
        ReleaseIndex read = h.client().resource(release).create();
        h.client().resource(read).edit(r -> {
            r.getMetadata().setAnnotations(Map.of("ops/note", "someone else wrote meanwhile"));
            return r;
        });

        ReleaseIndex stale = h.client().getKubernetesSerialization().clone(read);
        stale.setStatus(new ReleaseIndexStatus());
        stale.getStatus().setPackageCount(7);
        KubernetesClientException status = assertThrows(KubernetesClientException.class,
                () -> h.client().resource(stale).updateStatus());
        assertEquals(409, status.getCode(), "the status of a stale copy: a real server refuses it");
        stale.getMetadata().setLabels(Map.of("k", "v"));
        assertEquals(409, assertThrows(KubernetesClientException.class, () -> h.client().resource(stale).update())
                .getCode(), "the object from a stale copy, too");
        ReleaseIndex stored = h.client().resource(read).get();
        assertNull(stored.getStatus() == null ? null : stored.getStatus().getPackageCount(), "nothing was written");
        assertEquals("someone else wrote meanwhile", stored.getMetadata().getAnnotations().get("ops/note"));

        stored.setStatus(new ReleaseIndexStatus());
        stored.getStatus().setPackageCount(7);
        h.client().resource(stored).updateStatus();
        assertEquals(7, h.client().resource(read).get().getStatus().getPackageCount(), "from the current copy it is written");
    }

    /**
     * A watch from a list's resourceVersion gets what changed after it, not the objects the list returned
     * (the mock server alone sends every stored object again as ADDED); a watch from no version gets them all.
     */
    @Test
    void aWatchFromAListsResourceVersionGetsOnlyLaterChanges() throws Exception {
        h.client().resource(configMap("before-a", Map.of())).create();
        h.client().resource(configMap("before-b", Map.of())).create();
        String version = h.client().configMaps().inNamespace(Fixtures.NS).list().getMetadata().getResourceVersion();
        List<String> fromList = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> fromStart = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var resumed = h.client().configMaps().inNamespace(Fixtures.NS)
                .watch(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion(version).build(),
                        recorder(fromList));
                var whole = h.client().configMaps().inNamespace(Fixtures.NS).watch(recorder(fromStart))) {
            h.client().configMaps().inNamespace(Fixtures.NS).withName("before-a")
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("k", "v").build());
            h.client().resource(configMap("after", Map.of())).create();
            Await.until("both watches saw the new object", java.time.Duration.ofSeconds(10),
                    () -> fromList.contains("ADDED after") && fromStart.contains("ADDED after"));
        }
        assertEquals(List.of("MODIFIED before-a", "ADDED after"), fromList);
        assertTrue(fromStart.containsAll(List.of("ADDED before-a", "ADDED before-b", "ADDED after")), fromStart::toString);
    }

    private static io.fabric8.kubernetes.client.Watcher<ConfigMap> recorder(List<String> events) {
        return new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        };
    }
}
