package org.karlproject.operator.site;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.site.rollout.SiteView;

/**
 * A revision is (release, site settings): the release's image, the content of the site's config copied at
 * that moment, and the settings rendered into the pod (ZEO address, customization package, environment,
 * resources). Its hash names the Deployment and the config copy, so a change of any of them is a new
 * revision that goes through the same gate; replicas and the mode are not part of it (they change live).
 */
public record Revisions(String release, String image, Map<String, String> config, List<EnvVar> env,
        ResourceRequirements resources) {

    /** The settings KARL reads from its environment. */
    public static List<EnvVar> env(KarlSiteSpec spec, String zeoAddress) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("ZEO_ADDRESS", zeoAddress, null));
        env.add(new EnvVar("KARL_ENVIRONMENT", spec.getEnvironment() == null ? "staging" : spec.getEnvironment().name(),
                null));
        if (spec.getCustomizationPackage() != null) {
            env.add(new EnvVar("KARL_CUSTOMIZATION_PACKAGE", spec.getCustomizationPackage(), null));
        }
        env.add(new EnvVar("KARL_CONFIG_DIR", SitePod.CONFIG_DIR, null));
        env.add(new EnvVar("KARL_RUNTIME_DIR", SitePod.RUNTIME_DIR, null));
        return env;
    }

    /** The short hash of everything the revision's pods are made from. */
    public String hash() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("image", image);
        content.put("config", new TreeMap<>(config));
        content.put("env", env);
        content.put("resources", resources);
        return Names.hash(Serialization.asJson(content)).substring(0, 8);
    }

    public SiteView.Revision revision() {
        return new SiteView.Revision(release, image, hash());
    }
}
