package org.karlproject.operator.train;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.PromotionSpec;
import org.karlproject.operator.api.site.RolloutSpec;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.api.train.TrainStages;
import org.karlproject.operator.api.train.TrainSites;
import org.karlproject.operator.bench.Fleet;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.testing.TestClock;

/**
 * The common ground of the train scenarios: the whole operator on the simulated cluster, and customers each
 * in their own namespace with karl 3.30 and 3.31 (the same generations: no evolve), their customer releases
 * on both, and a staging and a gated production site on 3.30, labelled for the train.
 */
abstract class TrainScenario {
    static final String FLEET = "fleet";
    static final String TRAIN = "weekly";
    static final String LABEL = "karl.example.org/train";

    /** Real time; a window scenario moves it forward once, while no site is under way. */
    final TestClock clock = TestClock.real();
    final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), clock));

    @AfterEach
    void shutDown() {
        h.close();
    }

    /** Customer {@code c}: namespace {@code c}, releases karl-3-30/31 and c-3-30/31, sites on c-3-30, Ready. */
    void customer(String c, boolean withRelease331) {
        customer(c, withRelease331, 28);
    }

    /** As {@link #customer(String, boolean)}, with karl 3.31 expecting {@code generation331} (29: an evolve). */
    void customer(String c, boolean withRelease331, long generation331) {
        h.step("customer " + c + ": releases, databases, staging and gated production on " + c + "-3-30");
        h.apply(Fleet.release(c, "karl-3-30", "3.30", 28));
        h.apply(Fleet.release(c, "karl-3-31", "3.31", generation331));
        h.apply(customerRelease(c, "3-30", "karl-3-30"));
        if (withRelease331) {
            h.apply(customerRelease(c, "3-31", "karl-3-31"));
        }
        for (String env : List.of("staging", "production")) {
            h.apply(Fleet.database(c, c + "-" + env));
            h.apply(site(c, env));
        }
        awaitRelease331(c, withRelease331);
    }

    /**
     * Customer {@code c} (releases as {@link #customer(String, boolean)}) whose staging database is cloned from
     * production ({@code spec.source.database}), as a train's {@code reseedStaging} needs.
     */
    void customerWithStagingFromProduction(String c) {
        h.step("customer " + c + ": production database, staging database cloned from it, both sites on " + c + "-3-30");
        h.apply(Fleet.release(c, "karl-3-30", "3.30", 28));
        h.apply(Fleet.release(c, "karl-3-31", "3.31", 28));
        h.apply(customerRelease(c, "3-30", "karl-3-30"));
        h.apply(customerRelease(c, "3-31", "karl-3-31"));
        h.apply(Fleet.database(c, c + "-production"));
        h.apply(site(c, "production"));
        h.awaitCondition(Fleet.database(c, c + "-production"), "Ready", "True");
        ZeoDatabase staging = Fleet.database(c, c + "-staging");
        SourceSpec source = new SourceSpec();
        source.setDatabase(c + "-production");
        staging.getSpec().setSource(source);
        h.apply(staging);
        h.apply(site(c, "staging"));
        awaitRelease331(c, true);
    }

    private void awaitRelease331(String c, boolean withRelease331) {
        if (withRelease331) {
            // a release still on its way to Ready would block its sites for a while (a legitimate order,
            // but not the one a test asserts)
            h.awaitCondition(customerRelease(c, "3-31", "karl-3-31"), "Ready", "True");
        }
    }

    static ReleaseIndex customerRelease(String c, String version, String basedOn) {
        ReleaseIndex release = Fleet.release(c, c + "-" + version, version.replace('-', '.') + "-" + c, 28);
        release.getSpec().setBasedOn(basedOn);
        PackagePin pin = new PackagePin();
        pin.setName(c);
        pin.setVersion("1.0");
        pin.setFile(c + "-1.0.tar.gz");
        pin.setSha256(Names.hash(c + version));
        release.getSpec().setPackages(new java.util.ArrayList<>(List.of(pin)));
        release.getSpec().setEvolve(new java.util.ArrayList<>());
        return release;
    }

    static KarlSite site(String c, String env) {
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(c + "-" + env).withNamespace(c)
                .withLabels(Map.of(LABEL, TRAIN)).build());
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease(c + "-3-30");
        spec.setDatabase(c + "-" + env);
        spec.setCustomizationPackage(c);
        spec.setEnvironment(Environment.valueOf(env));
        RolloutSpec rollout = new RolloutSpec();
        rollout.setProgressDeadlineSeconds(60);
        rollout.setScaleDownDelaySeconds(0);
        spec.setRollout(rollout);
        if (env.equals("production")) {
            PromotionSpec promotion = new PromotionSpec();
            promotion.setRequireVerifiedIn(c + "-staging");
            spec.setPromotion(promotion);
        }
        site.setSpec(spec);
        return site;
    }

    void awaitStable(String c, String env, String release) {
        h.await(site(c, env), "to run " + release, s -> Fleet.serves(s, release));
    }

    static ReleaseTrain train(int canary, String maxParallel, int bakeSeconds, int budget) {
        ReleaseTrain train = new ReleaseTrain();
        train.setMetadata(new ObjectMetaBuilder().withName(TRAIN).withNamespace(FLEET).build());
        ReleaseTrainSpec spec = new ReleaseTrainSpec();
        spec.setKarlVersion("3.31");
        TrainSites sites = new TrainSites();
        sites.setMatchLabels(Map.of(LABEL, TRAIN));
        spec.setSites(sites);
        TrainStages stages = new TrainStages();
        stages.setStagingParallelism(2);
        stages.setCanary(canary);
        stages.setMaxParallel(maxParallel);
        stages.setBakeSeconds(bakeSeconds);
        spec.setStages(stages);
        spec.setFailureBudget(budget);
        train.setSpec(spec);
        return train;
    }

    ReleaseTrainStatus awaitTrain(String description, Predicate<ReleaseTrainStatus> predicate) {
        return h.await(train(1, "1", 0, 0), description, t -> t.getStatus() != null && predicate.test(t.getStatus()))
                .getStatus();
    }

    static TrainSite row(ReleaseTrainStatus status, String site) {
        return status.getSites().stream().filter(r -> r.getSite().equals(site)).findFirst().orElseThrow();
    }

    static SiteState state(ReleaseTrainStatus status, String site) {
        return row(status, site).getState();
    }

    static Instant started(ReleaseTrainStatus status, String site) {
        return Instant.parse(row(status, site).getStarted());
    }

    static Instant finished(ReleaseTrainStatus status, String site) {
        return Instant.parse(row(status, site).getFinished());
    }

    /** Writes to a KarlSite's spec (not its status) by anyone but the test acting as a user. */
    long operatorSpecWritesToSites() {
        return h.requests().snapshot().writes().resource("karlsites")
                .filter(r -> r.subresource().isEmpty() && !ApiServer.ADMIN_USER_AGENT.equals(r.userAgent())).count();
    }
}
