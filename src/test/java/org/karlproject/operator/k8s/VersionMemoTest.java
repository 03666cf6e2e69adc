package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An answer is remembered per object version (and input), and computed again once either changes. */
class VersionMemoTest {
    private final VersionMemo<Integer> memo = new VersionMemo<>(2);
    private final AtomicInteger computed = new AtomicInteger();

    private static ConfigMap stored(String uid, String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("ns").withUid(uid)
                .withResourceVersion(resourceVersion).endMetadata().build();
    }

    private int answer(ConfigMap object, Object input) {
        return memo.get(object, input, computed::incrementAndGet);
    }

    @Test
    void theSameVersionAndInputIsComputedOnceAndANewVersionOrInputAgain() {
        assertEquals(1, answer(stored("u1", "7"), "h1"));
        assertEquals(1, answer(stored("u1", "7"), "h1"), "same version, same input: remembered");
        assertEquals(2, answer(stored("u1", "8"), "h1"), "the object changed");
        assertEquals(3, answer(stored("u1", "8"), "h2"), "the desired content changed");
        assertEquals(4, answer(stored("u2", "8"), "h2"), "another object of the same version");
        assertEquals(4, computed.get());
    }

    @Test
    void anObjectNeverStoredIsNotRememberedAndTheLeastRecentlyUsedIsForgotten() {
        ConfigMap unstored = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
        answer(unstored, null);
        answer(unstored, null);
        assertEquals(2, computed.get(), "no uid or resourceVersion: computed every time");

        answer(stored("a", "1"), null);
        answer(stored("b", "1"), null);
        answer(stored("a", "1"), null); // a is now the most recently used
        answer(stored("c", "1"), null); // capacity 2: b is forgotten
        assertEquals(5, computed.get());
        answer(stored("a", "1"), null);
        assertEquals(5, computed.get(), "a remembered");
        answer(stored("b", "1"), null);
        assertEquals(6, computed.get(), "b forgotten");
        assertEquals(2, memo.size());
    }

    @Test
    void aPerSpecGenerationAnswerOutlivesNewResourceVersionsOfTheSameGeneration() {
        VersionMemo<Integer> perSpec = VersionMemo.perSpecGeneration(10);
        ConfigMap first = stored("u1", "7");
        first.getMetadata().setGeneration(3L);
        ConfigMap statusWritten = stored("u1", "8");
        statusWritten.getMetadata().setGeneration(3L);
        ConfigMap specChanged = stored("u1", "9");
        specChanged.getMetadata().setGeneration(4L);
        ConfigMap noGeneration = stored("u1", "10");

        assertEquals(1, perSpec.get(first, computed::incrementAndGet));
        assertEquals(1, perSpec.get(statusWritten, computed::incrementAndGet), "same generation: remembered");
        assertEquals(2, perSpec.get(specChanged, computed::incrementAndGet), "the spec changed");
        assertEquals(3, perSpec.get(noGeneration, computed::incrementAndGet), "no generation: computed");
        assertEquals(4, perSpec.get(noGeneration, computed::incrementAndGet), "and computed every time");
    }
}
