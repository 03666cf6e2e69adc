package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseSpec;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RolloutSpec;

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
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion(version);
        spec.setImage(image(name));
        spec.setPool("https://pool.example.org/karl/");
        PackagePin karl = new PackagePin();
        karl.setName("karl");
        karl.setVersion(version);
        karl.setFile("karl-" + version + ".tar.gz");
        karl.setSha256(org.karlproject.operator.k8s.Names.hash(name + version));
        spec.setPackages(new ArrayList<>(List.of(karl)));
        EvolveManager manager = new EvolveManager();
        manager.setManager("karl");
        manager.setGeneration(karlGeneration);
        spec.setEvolve(new ArrayList<>(List.of(manager)));
        release.setSpec(spec);
        return release;
    }

    static ZeoDatabase database(String name) {
        ZeoDatabase db = new ZeoDatabase();
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        ZeoDatabaseSpec spec = new ZeoDatabaseSpec();
        spec.setImage(ZEO_IMAGE);
        StorageSpec storage = new StorageSpec();
        storage.setSize("1Gi");
        spec.setStorage(storage);
        org.karlproject.operator.api.database.SnapshotSpec snapshots = new org.karlproject.operator.api.database.SnapshotSpec();
        snapshots.setVolumeSnapshotClassName("csi-snapclass");
        spec.setSnapshots(snapshots);
        db.setSpec(spec);
        return db;
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
