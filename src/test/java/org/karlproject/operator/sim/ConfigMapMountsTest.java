package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A changed ConfigMap reaches the files of running pods only after the kubelet's delay. */
class ConfigMapMountsTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void runningPodsSeeAChangedConfigMapOnlyAfterTheKubeletDelay() {
        h.cluster().configMapsReachPodsAfter(Duration.ofSeconds(5));
        ConfigMap runtime = h.apply(new ConfigMapBuilder().withNewMetadata().withName("acme-runtime")
                .withNamespace(Fixtures.NS).endMetadata().withData(Map.of("mode", "Normal")).build());
        h.awaitThat("the first content mounted", () -> h.cluster().mountedConfigMap(Fixtures.NS, "acme-runtime")
                .isPresent());
        assertEquals("Normal", h.cluster().mountedConfigMap(Fixtures.NS, "acme-runtime").orElseThrow().get("mode"));

        h.step("the mode changes: the app still reads Normal for a while");
        h.edit(runtime, c -> c.setData(Map.of("mode", "ReadOnly")));
        assertEquals("Normal", h.cluster().mountedConfigMap(Fixtures.NS, "acme-runtime").orElseThrow().get("mode"));
        h.awaitThat("the change to reach the pods", () -> "ReadOnly".equals(h.cluster()
                .mountedConfigMap(Fixtures.NS, "acme-runtime").orElseThrow().get("mode")));
    }
}
