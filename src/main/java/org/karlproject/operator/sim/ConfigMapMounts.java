package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the kubelet's ConfigMap volumes: what running pods that mount a ConfigMap see in their files. A
 * ConfigMap's first content is there at once (a pod starting mounts what exists); a change reaches the
 * files of running pods only after {@code configMapPropagation} (the kubelet's sync period plus its cache:
 * up to a minute on a real node). An application reading its mode from such a file (KARL's runtime
 * ConfigMap) is therefore not in that mode at once: nothing that must hold at once may rest on it (ZEO's
 * own read-only mode, which ZEO reads at start, does).
 */
final class ConfigMapMounts {
    private final SimContext sim;
    private final Map<String, Map<String, String>> mounted = new ConcurrentHashMap<>();

    ConfigMapMounts(SimContext sim) {
        this.sim = sim;
    }

    void start() {
        sim.client.configMaps().inAnyNamespace().inform(sim.handler("configmap", this::changed, c -> { }));
    }

    private void changed(ConfigMap configMap) {
        String key = SimContext.key(configMap);
        Map<String, String> data = Map.copyOf(Optional.ofNullable(configMap.getData()).orElse(Map.of()));
        if (!mounted.containsKey(key)) {
            mounted.put(key, data);
            return;
        }
        // changes are applied in order, each after the same delay: the last one wins, as on a node
        sim.later(sim.settings.configMapPropagation, "kubelet sync of " + key, () -> mounted.put(key, data));
    }

    /** The files running pods see for this ConfigMap, if it ever existed (a deleted one stays mounted). */
    Optional<Map<String, String>> seen(String namespace, String name) {
        return Optional.ofNullable(mounted.get(Lineage.key(namespace, name)));
    }
}
