package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.site.rollout.SiteNames;

/** The site's config as one revision sees it, forever: an immutable copy. */
public final class ConfigCopy {

    /** The component label of the config copies (how the site tells them from its other ConfigMaps). */
    static final String COMPONENT = "config";

    private ConfigCopy() {
    }

    public static ConfigMap of(KarlSite site, String revision, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withMetadata(SiteMeta.of(site, SiteNames.configCopy(site.getMetadata().getName(), revision),
                        SiteMeta.labels(site, COMPONENT)))
                .withImmutable(true).withData(new TreeMap<>(data)).build();
    }
}
