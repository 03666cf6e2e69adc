package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.site.rollout.SiteNames;

/** The settings KARL reads live from the runtime ConfigMap: the mode. */
public final class RuntimeConfig {

    /** The key of the mode in the runtime ConfigMap's data. */
    public static final String MODE = "mode";

    private RuntimeConfig() {
    }

    public static ConfigMap of(KarlSite site, SiteMode mode) {
        return new ConfigMapBuilder()
                .withMetadata(SiteMeta.of(site, SiteNames.runtime(site.getMetadata().getName()),
                        SiteMeta.labels(site, "runtime")))
                .withData(Map.of(MODE, mode.name())).build();
    }

    /** The mode a runtime ConfigMap tells KARL, or null. */
    static String mode(ConfigMap runtime) {
        return Optional.ofNullable(runtime.getData()).map(d -> d.get(MODE)).orElse(null);
    }

    /** The same ConfigMap telling {@code mode} (a typed edit of its data; other keys stay). */
    static ConfigMap withMode(ConfigMap runtime, SiteMode mode) {
        Map<String, String> data = new HashMap<>(Optional.ofNullable(runtime.getData()).orElse(Map.of()));
        data.put(MODE, mode.name());
        runtime.setData(data);
        return runtime;
    }
}
