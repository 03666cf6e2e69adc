package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated API server's store is indexed by resource ({@link PluralIndex}); what a request finds is what
 * the mock server's scan of every object found: lists (with label selectors, across namespaces), gets, updates,
 * deletes and watches of one kind among many objects of other kinds with the same names and labels.
 */
class PluralIndexTest {
    private final ApiServer server = ApiServer.start();
    private final KubernetesClient client = server.adminClient();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aRequestFindsExactlyItsResourcesObjectsAmongOthersOfTheSameNamesAndLabels() {
        for (String ns : List.of("a", "b")) {
            for (int i = 0; i < 5; i++) {
                Map<String, String> labels = Map.of("site", "s" + i, "tier", i % 2 == 0 ? "even" : "odd");
                client.resource(new ConfigMapBuilder().withNewMetadata().withName("x" + i).withNamespace(ns)
                        .withLabels(labels).endMetadata().addToData("k", "v" + i).build()).create();
                client.resource(new ServiceBuilder().withNewMetadata().withName("x" + i).withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec().addToSelector("app", "x").endSpec().build())
                        .create();
                client.resource(new EventBuilder().withNewMetadata().withName("x" + i).withNamespace(ns)
                        .withLabels(labels).endMetadata().withReason("R" + i).withInvolvedObject(
                                new ObjectReferenceBuilder().withKind("ConfigMap").withName("x" + i).build()).build())
                        .create();
            }
        }

        assertEquals(5, client.configMaps().inNamespace("a").list().getItems().size());
        assertEquals(10, client.configMaps().inAnyNamespace().list().getItems().size());
        assertEquals(3, client.configMaps().inNamespace("b").withLabel("tier", "even").list().getItems().size());
        assertEquals(4, client.services().inAnyNamespace().withLabel("tier", "odd").list().getItems().size());
        assertEquals(List.of("x3"), client.v1().events().inNamespace("a").withLabel("site", "s3").list().getItems()
                .stream().map(e -> e.getMetadata().getName()).toList());
        assertEquals("v2", client.configMaps().inNamespace("b").withName("x2").get().getData().get("k"));
        assertEquals("R2", client.v1().events().inNamespace("b").withName("x2").get().getReason());

        client.configMaps().inNamespace("a").withName("x1").edit(c -> {
            c.getData().put("k", "changed");
            return c;
        });
        assertEquals("changed", client.configMaps().inNamespace("a").withName("x1").get().getData().get("k"));
        assertNotNull(client.services().inNamespace("a").withName("x1").get(), "the Service of that name is another object");
        client.services().inNamespace("a").withName("x1").delete();
        assertNull(client.services().inNamespace("a").withName("x1").get());
        assertNotNull(client.configMaps().inNamespace("a").withName("x1").get(), "only the Service went");
        assertEquals(9, client.services().inAnyNamespace().list().getItems().size());
    }

    @Test
    void aWatchOfOneKindSeesItsOwnObjectsFromTheStartAndNoOtherKinds() throws Exception {
        client.resource(cm("before")).create();
        client.resource(new ServiceBuilder().withNewMetadata().withName("before").withNamespace("a").endMetadata()
                .withNewSpec().addToSelector("app", "x").endSpec().build()).create();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (var watch = client.configMaps().inNamespace("a").withResourceVersion("0").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.resource(cm("after")).create();
            client.resource(new ServiceBuilder().withNewMetadata().withName("other").withNamespace("a").endMetadata()
                    .withNewSpec().addToSelector("app", "x").endSpec().build()).create();
            client.configMaps().inNamespace("a").withName("after").delete();
            Await.until("the ConfigMap watch saw the delete", java.time.Duration.ofSeconds(10),
                    () -> seen.contains("DELETED after"));
        }
        assertTrue(seen.containsAll(List.of("ADDED after", "DELETED after")), seen::toString);
        assertTrue(seen.stream().noneMatch(s -> s.endsWith(" other")), "no Service event: " + seen);
    }

    @Test
    void aCreateOfATakenNameIsRefusedAndAGenerateNameCreateGetsAFreshName() {
        client.resource(cm("taken")).create();
        var conflict = org.junit.jupiter.api.Assertions.assertThrows(io.fabric8.kubernetes.client.KubernetesClientException.class,
                () -> client.resource(cm("taken")).create());
        assertEquals(409, conflict.getCode());
        ConfigMap generated = client.resource(new ConfigMapBuilder().withNewMetadata().withGenerateName("gen-")
                .withNamespace("a").endMetadata().build()).create();
        assertTrue(generated.getMetadata().getName().startsWith("gen-"), generated.getMetadata().getName());
        assertNotNull(client.configMaps().inNamespace("a").withName(generated.getMetadata().getName()).get());
        assertEquals(2, client.configMaps().inNamespace("a").list().getItems().size());
    }

    @Test
    void theIndexHoldsEveryStoredKeyOnceUnderItsResourceAndAScopeSeesOnlyThatResource() {
        PluralIndex index = new PluralIndex();
        AttributeSet cm = new AttributeSet(new Attribute("plural", "configmaps"), new Attribute("name", "x"));
        AttributeSet svc = new AttributeSet(new Attribute("plural", "services"), new Attribute("name", "x"));
        index.put(cm, "{cm}");
        index.put(svc, "{svc}");
        index.put(cm, "{cm2}");
        assertEquals(2, index.size());
        assertEquals(1, index.indexed("configmaps"));
        assertEquals(index.count("configmaps"), index.indexed("configmaps"));
        assertEquals(List.of("{cm2}"), PluralIndex.scoped(new PluralIndex.Scope("configmaps", null), () -> index.entrySet().stream()
                .map(Map.Entry::getValue).toList()));
        assertEquals(0, PluralIndex.scoped(new PluralIndex.Scope("pods", null), () -> index.entrySet().size()));
        assertEquals(2, PluralIndex.scoped(null, () -> index.entrySet().size()), "no resource named: everything");
        assertEquals(2, index.entrySet().size(), "outside a request: everything");
        assertEquals(List.of("{svc}"), PluralIndex.scoped(new PluralIndex.Scope("services", "x"), () -> index.entrySet()
                .stream().map(Map.Entry::getValue).toList()), "one name of one resource");
        assertEquals(0, PluralIndex.scoped(new PluralIndex.Scope("services", "y"), () -> index.entrySet().size()));
        index.remove(cm);
        assertEquals(0, index.indexed("configmaps"));
        assertEquals(0, PluralIndex.scoped(new PluralIndex.Scope("configmaps", null), () -> index.entrySet().size()));
        assertEquals(0, PluralIndex.scoped(new PluralIndex.Scope("configmaps", "x"), () -> index.entrySet().size()));
        assertEquals("{svc}", index.get(svc));
    }

    private static ConfigMap cm(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("a").endMetadata().build();
    }
}
