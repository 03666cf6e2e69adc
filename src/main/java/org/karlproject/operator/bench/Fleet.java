package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.database.SnapshotSpec;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseSpec;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.EvolveSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.RolloutSpec;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.status.Conditions;

/**
 * A hosting shop's fleet in one namespace: three shared releases and N sites, each with its own ZeoDatabase.
 * {@link #FIRST} and {@link #SAME_GENERATION} expect karl generation 28; {@link #NEEDS_EVOLVE} expects 29, so
 * moving a site to it evolves its database (the sites' evolve policy is Automatic).
 */
public final class Fleet {
    public static final String NS = "fleet";
    public static final String FIRST = "karl-3-30";
    public static final String SAME_GENERATION = "karl-3-31";
    public static final String NEEDS_EVOLVE = "karl-3-32";

    private Fleet() {
    }

    /** The name of site {@code i} and of its database: {@code site-0007}. */
    public static String site(int i) {
        return "site-%04d".formatted(i);
    }

    public static List<ReleaseIndex> releases() {
        return List.of(release(NS, FIRST, "3.30", 28), release(NS, SAME_GENERATION, "3.31", 28),
                release(NS, NEEDS_EVOLVE, "3.32", 29));
    }

    /** What a user applies for site {@code i}: its database, then the site on {@link #FIRST}. */
    public static List<HasMetadata> siteObjects(int i) {
        return List.of(database(NS, site(i)), site(site(i), FIRST));
    }

    /** The label every site of {@link #trainSiteObjects} carries: the release train of M6 selects it. */
    public static final String TRAIN_LABEL = "karl.example.org/train";

    /**
     * Site {@code i} as M6's release train moves it: its database, then the site on {@link #FIRST}, a production
     * site (production moves in waves) labelled {@link #TRAIN_LABEL}.
     */
    public static List<HasMetadata> trainSiteObjects(int i) {
        KarlSite site = site(site(i), FIRST);
        site.getSpec().setEnvironment(Environment.production);
        site.getMetadata().setLabels(new java.util.TreeMap<>(java.util.Map.of(TRAIN_LABEL, NS)));
        return List.of(database(NS, site(i)), site);
    }

    /** Ready, Stable and serving {@code release}. */
    public static boolean serves(KarlSite site, String release) {
        return site.getStatus() != null && site.getStatus().getPhase() == RolloutPhase.Stable
                && release.equals(site.getStatus().getActiveRelease())
                && Conditions.isTrue(site.getStatus().getConditions(), Conditions.READY);
    }

    /** A release of one package, {@code karl}, whose code expects {@code karl} at this generation. */
    public static ReleaseIndex release(String namespace, String name, String version, long karlGeneration) {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion(version);
        spec.setImage("registry.example/karl@sha256:" + Names.hash(name));
        spec.setPool("https://pool.example.org/karl/");
        PackagePin karl = new PackagePin();
        karl.setName("karl");
        karl.setVersion(version);
        karl.setFile("karl-" + version + ".tar.gz");
        karl.setSha256(Names.hash(name + version));
        spec.setPackages(new ArrayList<>(List.of(karl)));
        EvolveManager manager = new EvolveManager();
        manager.setManager("karl");
        manager.setGeneration(karlGeneration);
        spec.setEvolve(new ArrayList<>(List.of(manager)));
        release.setSpec(spec);
        return release;
    }

    /** A 1Gi database with snapshots, on a ZEO image pinned by digest. */
    public static ZeoDatabase database(String namespace, String name) {
        ZeoDatabase db = new ZeoDatabase();
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        ZeoDatabaseSpec spec = new ZeoDatabaseSpec();
        spec.setImage("registry.example/zeo@sha256:" + "a".repeat(64));
        StorageSpec storage = new StorageSpec();
        storage.setSize("1Gi");
        spec.setStorage(storage);
        SnapshotSpec snapshots = new SnapshotSpec();
        snapshots.setVolumeSnapshotClassName("csi-snapclass");
        spec.setSnapshots(snapshots);
        db.setSpec(spec);
        return db;
    }

    /** A site with no scale-down delay (the benchmark does not wait for old releases to scale down). */
    public static KarlSite site(String name, String release) {
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease(release);
        spec.setDatabase(name);
        RolloutSpec rollout = new RolloutSpec();
        rollout.setScaleDownDelaySeconds(0);
        spec.setRollout(rollout);
        EvolveSpec evolve = new EvolveSpec();
        evolve.setPolicy(EvolvePolicy.Automatic);
        spec.setEvolve(evolve);
        site.setSpec(spec);
        return site;
    }
}
