package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RolloutSpec;
import org.karlproject.operator.bench.Fleet;

/** Objects for the site tests: releases, a database, sites. */
final class SiteFixtures {
    static final String NS = "default";
    static final String ZEO_IMAGE = "registry.example/zeo@sha256:" + "a".repeat(64);

    private SiteFixtures() {
    }

    /** The image of a release: one digest per release name. */
    static String image(String release) {
        String hex = org.karlproject.operator.k8s.Names.hash(release);
        return "registry.example/karl@sha256:" + hex;
    }

    /** A release whose code expects {@code karl} at this generation. */
    static ReleaseIndex release(String name, String version, long karlGeneration) {
        return Fleet.release(NS, name, version, karlGeneration);
    }

    static ZeoDatabase database(String name) {
        return Fleet.database(NS, name);
    }

    /** A site with short deadlines and no scale-down delay, so scenarios do not wait. */
    static KarlSite site(String name, String release, String database) {
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease(release);
        spec.setDatabase(database);
        RolloutSpec rollout = new RolloutSpec();
        rollout.setProgressDeadlineSeconds(60);
        rollout.setScaleDownDelaySeconds(0);
        spec.setRollout(rollout);
        site.setSpec(spec);
        return site;
    }

    static Map<String, Long> karl(long generation) {
        return new java.util.TreeMap<>(Map.of("karl", generation));
    }
}
