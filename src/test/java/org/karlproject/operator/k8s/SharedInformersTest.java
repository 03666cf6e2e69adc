package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.Await;

class SharedInformersTest {
    private static final String AGENT = "shared-informers-test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ApiServer server;
    private KubernetesClient real;
    private KubernetesClient shared;

    @BeforeEach
    void start() {
        server = ApiServer.start();
        real = server.client(AGENT);
        shared = SharedInformers.client(real);
    }

    @AfterEach
    void stop() {
        real.close();
        server.close();
    }

    private void create(String name, String app, String value) {
        real.configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withNamespace("ns").withLabels(Map.of("app", app)).endMetadata().withData(Map.of("k", value)).build())
                .create();
    }

    private SharedIndexInformer<ConfigMap> informer(String selector) {
        return shared.resources(ConfigMap.class).inNamespace("ns").withLabelSelector(selector).runnableInformer(0);
    }

    /** The names a handler was told of (added or updated), and nothing after its removal. */
    private static final class Seen implements ResourceEventHandler<ConfigMap> {
        final Set<String> names = ConcurrentHashMap.newKeySet();

        @Override
        public void onAdd(ConfigMap obj) {
            names.add(obj.getMetadata().getName());
        }

        @Override
        public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            names.add(newObj.getMetadata().getName());
        }

        @Override
        public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
        }
    }

    private int lists() {
        return server.requests().snapshot().from(AGENT).verb("list").resource("configmaps").count();
    }

    private static List<String> names(List<ConfigMap> maps) {
        return maps.stream().map(m -> m.getMetadata().getName()).sorted().toList();
    }

    @Test
    void eventSourcesOfOneRequestShareOneInformerEachWithItsOwnHandlerAndIndexes() throws Exception {
        create("a", "karl", "x");
        SharedIndexInformer<ConfigMap> first = informer("app=karl");
        SharedIndexInformer<ConfigMap> second = informer("app=karl");
        SharedIndexInformer<ConfigMap> other = informer("app=other");
        first.itemStore(new LeanStore<>());
        second.itemStore(new LeanStore<>());
        other.itemStore(new LeanStore<>());
        Seen one = new Seen();
        Seen two = new Seen();
        first.addEventHandler(one);
        second.addEventHandler(two);
        // the same index name from two event sources: each keeps its own
        first.getIndexer().addIndexers(Map.of("byValue", m -> List.of(m.getData().get("k"))));
        second.getIndexer().addIndexers(Map.of("byValue", m -> List.of("all")));
        first.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        second.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        other.start().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(2, SharedInformers.running(real), "one informer for app=karl, one for app=other");
        assertEquals(2, lists(), "two lists, not three");
        assertTrue(first.hasSynced() && second.hasSynced());

        create("b", "karl", "y");
        Await.until("both handlers to see a and b", WAIT, () -> one.names.equals(Set.of("a", "b"))
                && two.names.equals(Set.of("a", "b")));
        assertEquals(List.of("a"), names(first.getIndexer().byIndex("byValue", "x")));
        assertEquals(List.of("a", "b"), names(second.getIndexer().byIndex("byValue", "all")));
        assertEquals(Set.of("byValue"), second.getIndexer().getIndexers().keySet().stream()
                .filter(n -> !n.equals("namespace")).collect(Collectors.toSet()));
        assertEquals(List.of("a", "b"), names(first.getStore().list()), "one cache for both");
        assertEquals(names(first.getStore().list()), names(second.getStore().list()));

        first.stop();
        create("c", "karl", "z");
        Await.until("the second handler to see c", WAIT, () -> two.names.contains("c"));
        assertFalse(one.names.contains("c"), "a stopped event source's handler hears nothing more");
        assertTrue(second.isRunning(), "the informer runs while a started event source uses it");

        second.stop();
        assertFalse(second.isRunning(), "the last user's stop stops the informer");
        assertEquals(1, SharedInformers.running(real));

        // the next request for it gets a new informer, and a handler that joins it late is told of everything
        SharedIndexInformer<ConfigMap> again = informer("app=karl");
        again.itemStore(new LeanStore<>());
        again.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        SharedIndexInformer<ConfigMap> late = informer("app=karl");
        Seen joined = new Seen();
        late.addEventHandler(joined);
        late.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Await.until("the late handler to be told of a, b and c", WAIT, () -> joined.names.equals(Set.of("a", "b", "c")));
        assertEquals(2, SharedInformers.running(real));
        assertEquals(3, lists(), "the new informer listed once; the late event source not at all");
        again.stop();
        late.stop();
        other.stop();
        assertEquals(0, SharedInformers.running(real));
    }
}
