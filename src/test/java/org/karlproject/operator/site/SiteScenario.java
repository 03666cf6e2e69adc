package org.karlproject.operator.site;

import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.database.ZeoDatabaseReconciler;
import org.karlproject.operator.evolve.EvolveRunReconciler;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.release.ReleaseIndexReconciler;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.testing.TestClock;

/**
 * The common ground of the site scenarios: the simulated cluster running the real ReleaseIndex and KarlSite
 * reconcilers, releases 3.30 (karl generation 28), 3.31 (28: no evolve) and 3.32 (29: evolve), a database
 * {@code acme-db}, and helpers that read like the domain.
 */
abstract class SiteScenario {
    static final String DB = "acme-db";
    static final String R330 = "karl-3-30";
    static final String R331 = "karl-3-31";
    static final String R332 = "karl-3-32";

    SimHarness h;
    final TestClock clock = TestClock.real();

    /** The whole operator: the real ReleaseIndex, ZeoDatabase, EvolveRun and KarlSite reconcilers. */
    @BeforeEach
    void boot() {
        h = SimHarness.withoutOperator(() -> List.of(new ReleaseIndexReconciler(new ReleaseRegistry(), Clock.systemUTC()),
                new ZeoDatabaseReconciler(Clock.systemUTC()), new EvolveRunReconciler(Clock.systemUTC()),
                new KarlSiteReconciler(clock)));
        h.server().gatewayApi(gatewayApi());
        h.operator().start();
        h.step("releases 3.30, 3.31 (same generations) and 3.32 (an evolve step) are published");
        h.apply(SiteFixtures.release(R330, "3.30", 28));
        h.apply(SiteFixtures.release(R331, "3.31", 28));
        h.apply(SiteFixtures.release(R332, "3.32", 29));
        h.step("database " + DB + " serves a new, empty volume");
        h.apply(SiteFixtures.database(DB));
        h.awaitCondition(SiteFixtures.database(DB), "Ready", "True");
    }

    /** Whether the simulated cluster serves the Gateway API (HTTPRoute) when the operator starts. */
    boolean gatewayApi() {
        return false;
    }

    /** The database's status, as the ZeoDatabase reconciler reports it. */
    ZeoDatabaseStatus database() {
        return h.get(SiteFixtures.database(DB)).getStatus();
    }

    ZeoDatabase awaitDatabase(String description, Predicate<ZeoDatabaseStatus> predicate) {
        return h.await(SiteFixtures.database(DB), description, d -> d.getStatus() != null
                && predicate.test(d.getStatus()));
    }

    @AfterEach
    void shutDown() {
        h.close();
    }

    /** Staging and a production site gated on it, both on 3.30 and Ready. */
    void stagingAndGatedProduction(String staging, String production) {
        h.apply(SiteFixtures.site(staging, R330, DB));
        awaitActive(staging, R330);
        KarlSite gated = SiteFixtures.site(production, R330, DB);
        org.karlproject.operator.api.site.PromotionSpec promotion = new org.karlproject.operator.api.site.PromotionSpec();
        promotion.setRequireVerifiedIn(staging);
        gated.getSpec().setPromotion(promotion);
        h.apply(gated);
        awaitActive(production, R330);
    }

    KarlSite site(String name) {
        return h.client().resources(KarlSite.class).inNamespace(NS).withName(name).get();
    }

    KarlSite ref(String name) {
        return SiteFixtures.site(name, R330, DB);
    }

    /** Changes the site's spec as kubectl edit would, retrying when the operator wrote in between. */
    void editSpec(String name, Consumer<KarlSiteSpec> change) {
        h.edit(ref(name), s -> change.accept(s.getSpec()));
    }

    /** Waits until the release is active, the rollout Stable and the site Ready. */
    KarlSite awaitActive(String name, String release) {
        return h.await(ref(name), "to have " + release + " active and be Ready", s -> s.getStatus() != null
                && release.equals(s.getStatus().getActiveRelease()) && s.getStatus().getPhase() == RolloutPhase.Stable
                && "True".equals(SimHarness.condition(s, "Ready").map(c -> c.get("status")).orElse(null)));
    }

    KarlSite awaitPhase(String name, RolloutPhase phase) {
        return h.await(ref(name), "to reach phase " + phase, s -> s.getStatus() != null
                && s.getStatus().getPhase() == phase);
    }

    KarlSite awaitSite(String name, String description, Predicate<KarlSite> predicate) {
        return h.await(ref(name), description, s -> s.getStatus() != null && predicate.test(s));
    }

    /**
     * The name of the EvolveRun the site uses for its rollout to {@code release}, read from its
     * {@code status.evolveRun} once that names a run of this release (the name is per attempt).
     */
    String siteRun(String site, String release) {
        return awaitSite(site, "to name its EvolveRun for " + release, s -> {
            String name = s.getStatus().getEvolveRun();
            org.karlproject.operator.api.evolve.EvolveRun run = name == null ? null : h.client()
                    .resources(org.karlproject.operator.api.evolve.EvolveRun.class).inNamespace(NS).withName(name).get();
            return run != null && release.equals(run.getSpec().getRelease());
        }).getStatus().getEvolveRun();
    }

    /** The evolve Jobs of the site's runs (named after runs whose names are per attempt). */
    static org.karlproject.operator.sim.JobMatcher evolveJobs(String site) {
        return org.karlproject.operator.sim.JobMatcher.matching().namePrefix(site + "-").where(j ->
                j.getMetadata().getLabels() != null
                        && j.getMetadata().getLabels().containsKey(org.karlproject.operator.sim.EvolveJobContract.LABEL));
    }

    /** Waits until the site's EvolveRun exists (the site records its phase first, then creates the run). */
    org.karlproject.operator.api.evolve.EvolveRun awaitEvolveRun(String name) {
        org.karlproject.operator.api.evolve.EvolveRun ref = new org.karlproject.operator.api.evolve.EvolveRun();
        ref.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS)
                .build());
        return h.await(ref, "to exist", r -> true);
    }

    /** Changes a label of the stable Service (not its selector): an event, so the site reconciles once more. */
    void touchStableService(String site) {
        h.edit(h.client().services().inNamespace(NS).withName(SiteNames.stableService(site)).get(),
                s -> s.getMetadata().getLabels().put("touched", String.valueOf(System.nanoTime())));
    }

    /**
     * Causes {@code n} more reconciles of the site, one at a time: each poke waits until a reconcile has read
     * the clock, and a last poke proves the {@code n}-th has finished (reconciles of one site never overlap).
     */
    void reconcileMore(String site, int n) {
        for (int i = 0; i <= n; i++) {
            long before = clock.reads();
            touchStableService(site);
            h.awaitThat("one more reconcile", () -> clock.reads() > before);
        }
    }

    static String reason(KarlSite site, String type) {
        return (String) SimHarness.condition(site, type).map(c -> c.get("reason")).orElse(null);
    }

    static String message(KarlSite site, String type) {
        return (String) SimHarness.condition(site, type).map(c -> c.get("message")).orElse(null);
    }

    Map<String, String> stableSelector(String site) {
        return h.client().services().inNamespace(NS).withName(SiteNames.stableService(site)).get().getSpec()
                .getSelector();
    }

    /** The revision the stable Service selects. */
    String servedRevision(String site) {
        return stableSelector(site).get(Selectors.REVISION);
    }

    /** The release Deployments of a site running this release. */
    List<Deployment> releaseDeployments(String site, String release) {
        return h.client().apps().deployments().inNamespace(NS).withLabel(Labels.SITE, site).list().getItems().stream()
                .filter(d -> d.getMetadata().getLabels().containsKey(Selectors.REVISION))
                .filter(d -> release.equals(d.getMetadata().getLabels().get(Labels.RELEASE))).toList();
    }

    Deployment deployment(String name) {
        return h.client().apps().deployments().inNamespace(NS).withName(name).get();
    }

    CronJob cronJob(String name) {
        return h.client().batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }

    ConfigMap configMap(String name) {
        return h.client().configMaps().inNamespace(NS).withName(name).get();
    }

    static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Waits for a Deployment to exist and satisfy the predicate. */
    Deployment awaitDeployment(String name, String description, Predicate<Deployment> predicate) {
        Deployment ref = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
                .withName(name).withNamespace(NS).endMetadata().build();
        return h.await(ref, description, predicate);
    }

    static boolean replicas(Deployment d, int n) {
        return Objects.equals(d.getSpec().getReplicas(), n);
    }
}
