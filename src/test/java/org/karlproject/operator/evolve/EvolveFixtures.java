package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.database.ZeoDatabaseReconciler;
import org.karlproject.operator.release.ReleaseIndexReconciler;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.SimHarness;

/**
 * The acme customer of the scenarios: karl 3.30 and 3.31, the acme release 3.31 on top of karl 3.31, the
 * production database at karl=27 osi=3, and its site. Target of acme-3-31: karl=29 osi=5; the steps between
 * declare creation_date, texts (karl 28), allowed_to_view (karl 29), title (osi 4) and texts, title (osi 5).
 */
final class EvolveFixtures {
    static final String NS = "default";
    static final String SITE = "acme-production";
    static final String DB = "acme-production";
    static final String TARGET = "acme-3-31";
    static final String ACME_IMAGE = "registry.example.org/karl/acme@sha256:" + "c".repeat(64);

    private EvolveFixtures() {
    }

    /**
     * The common ground of the run scenarios: the operator with {@link EvolveSettings#DEFAULTS} on the
     * simulated cluster, and the acme {@link #world}; {@code live} is the database's volume before any run.
     */
    abstract static class Scenario {
        SimHarness h;
        String live;

        @org.junit.jupiter.api.BeforeEach
        void start() {
            h = SimHarness.start(operator(EvolveSettings.DEFAULTS));
            live = world(h);
        }

        @org.junit.jupiter.api.AfterEach
        void stop() {
            h.close();
        }
    }

    /**
     * The operator: the evolve reconciler under test with the real ReleaseIndex and ZeoDatabase reconcilers,
     * and the site's part of the contract played by {@link SiteStandIn}.
     */
    static Supplier<List<Reconciler<?>>> operator(EvolveSettings settings) {
        return operator(settings, java.time.Duration.ZERO);
    }

    /** The same, with the site taking {@code trafficAfter} to check and switch traffic after the volume switch. */
    static Supplier<List<Reconciler<?>>> operator(EvolveSettings settings, java.time.Duration trafficAfter) {
        return () -> List.of(new EvolveRunReconciler(Clock.systemUTC(), settings),
                new ReleaseIndexReconciler(new ReleaseRegistry(), Clock.systemUTC()),
                new ZeoDatabaseReconciler(Clock.systemUTC()), new SiteStandIn(trafficAfter));
    }

    /** Releases, the database at karl=27 osi=3, and the site, all Ready; returns the live volume. */
    static String world(SimHarness h) {
        releases().forEach(h::apply);
        h.apply(site(SITE, DB));
        rolloutUnderWay(h, SITE, TARGET);
        return database(h, DB, Map.of("karl", 27L, "osi", 3L));
    }

    /**
     * The site's status as the site reconciler (not running in these scenarios) writes it while its rollout
     * to {@code release} waits for the evolve: a manual EvolveRun that is not a dry run needs it.
     */
    static void rolloutUnderWay(SimHarness h, String site, String release) {
        h.editStatus(site(site, DB), s -> {
            s.setStatus(java.util.Optional.ofNullable(s.getStatus())
                    .orElseGet(org.karlproject.operator.api.site.KarlSiteStatus::new));
            s.getStatus().setPhase(org.karlproject.operator.api.site.RolloutPhase.Evolving);
            s.getStatus().setTargetRelease(release);
        });
    }

    /**
     * A Ready database whose data is at {@code generations}, recorded in its status as a site's first start
     * would record them; returns its active volume.
     */
    static String database(SimHarness h, String name, Map<String, Long> generations) {
        h.apply(database(name));
        for (String release : List.of("karl-3-30", "karl-3-31", TARGET)) {
            h.awaitCondition(release(release), "Ready", "True");
        }
        ZeoDatabase ready = h.awaitCondition(database(name), "Ready", "True");
        h.client().resource(ready).editStatus(d -> {
            d.getStatus().setGenerations(new java.util.TreeMap<>(generations));
            return d;
        });
        return h.await(database(name), "to keep its generations " + generations,
                d -> generations.equals(d.getStatus().getGenerations())).getStatus().getActiveVolume();
    }

    static List<ReleaseIndex> releases() {
        return List.of(
                release("karl-3-30", "3.30", null, "registry.example.org/karl/karl@sha256:" + "a".repeat(64), """
                        - manager: karl
                          generation: 28
                          steps:
                            - {generation: 27, reindex: [texts]}
                            - {generation: 28, reindex: [creation_date, texts]}
                        """),
                release("karl-3-31", "3.31", null, "registry.example.org/karl/karl@sha256:" + "b".repeat(64), """
                        - manager: karl
                          generation: 29
                          steps:
                            - {generation: 29, reindex: [allowed_to_view]}
                        """),
                release(TARGET, "3.31-acme.1", "karl-3-31", ACME_IMAGE, """
                        - manager: osi
                          generation: 5
                          steps:
                            - {generation: 4, reindex: [title]}
                            - {generation: 5, reindex: [texts, title]}
                        """));
    }

    static ReleaseIndex release(String name) {
        return releases().stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    static ReleaseIndex release(String name, String version, String basedOn, String image, String evolve) {
        String pkg = name.startsWith("acme") ? "osi" : "karl";
        String yaml = """
                apiVersion: deploy.karlproject.org/v1alpha1
                kind: ReleaseIndex
                metadata: {name: %s, namespace: %s}
                spec:
                  version: "%s"
                  image: %s
                  pool: https://pool.example.org/%s/
                %s  packages:
                    - {name: %s, version: "%s", file: %s-%s.tar.gz, sha256: %s}
                  evolve:
                %s""".formatted(name, NS, version, image, pkg, basedOn == null ? "" : "  basedOn: " + basedOn + "\n",
                pkg, version.replace("-acme.1", ".1"), pkg, version, "d".repeat(64), evolve.indent(4));
        return Serialization.unmarshal(yaml, ReleaseIndex.class);
    }

    static ZeoDatabase database(String name) {
        return Serialization.unmarshal("""
                apiVersion: deploy.karlproject.org/v1alpha1
                kind: ZeoDatabase
                metadata: {name: %s, namespace: %s}
                spec:
                  image: registry.example.org/zeo@sha256:%s
                  storage: {size: 2Gi}
                  snapshots: {volumeSnapshotClassName: csi-snapclass}
                """.formatted(name, NS, "e".repeat(64)),
                ZeoDatabase.class);
    }

    static KarlSite site(String name, String database) {
        return Serialization.unmarshal("""
                apiVersion: deploy.karlproject.org/v1alpha1
                kind: KarlSite
                metadata: {name: %s, namespace: %s}
                spec: {release: acme-3-30, database: %s, environment: production}
                """.formatted(name, NS, database), KarlSite.class);
    }

    static EvolveRun run(String name, Map<String, Object> spec) {
        EvolveRun run = Serialization.unmarshal("""
                apiVersion: deploy.karlproject.org/v1alpha1
                kind: EvolveRun
                metadata: {name: %s, namespace: %s}
                spec: {site: %s, release: %s}
                """.formatted(name, NS, SITE, TARGET), EvolveRun.class);
        spec.forEach((key, value) -> {
            switch (key) {
                case "dryRun" -> run.getSpec().setDryRun((Boolean) value);
                case "readOnlyBudgetSeconds" -> run.getSpec().setReadOnlyBudgetSeconds((Integer) value);
                case "activeDeadlineSeconds" -> run.getSpec().setActiveDeadlineSeconds((Integer) value);
                case "keepRestoredVolumeOnFailure" -> run.getSpec().setKeepRestoredVolumeOnFailure((Boolean) value);
                case "release" -> run.getSpec().setRelease((String) value);
                default -> throw new IllegalArgumentException(key);
            }
        });
        return run;
    }

    static EvolveRun run(String name) {
        return run(name, Map.of());
    }
}
