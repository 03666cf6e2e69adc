package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.RequestLog;
import org.karlproject.operator.sim.SimulatedCluster;

/**
 * One benchmark environment: the embedded API server, the simulated cluster and the whole operator, not yet
 * started. The simulated cluster answers at once (no readiness, binding, snapshot or Job delays), so that
 * times measure the operator and the server, not invented delays; its ZEO servers write once an hour (the
 * benchmarks measure the operator, not the data model).
 */
final class FleetLab implements AutoCloseable {
    /** JOSDK's default number of reconcile threads: the floor writes with the same concurrency. */
    static final int THREADS = 50;

    final ApiServer server = ApiServer.start();
    final SimulatedCluster cluster = SimulatedCluster.start(server).zeoWritesEvery(Duration.ofHours(1))
            .workloadsReadyAfter(Duration.ZERO).jobsRunFor(Duration.ZERO).pvcsBindAfter(Duration.ZERO)
            .snapshotsReadyAfter(Duration.ZERO).rolloutStepsEvery(Duration.ZERO).podsTerminateAfter(Duration.ZERO)
            .invariants(false);
    final ReconcileCounter reconciles = new ReconcileCounter();
    final OperatorRunner operator;
    final SiteWatch sites;

    /**
     * The cache sync timeout of the benchmark's operators, in this JVM and in the operator process: a deployed
     * operator's (JOSDK's default); the test runner's 10 s suits a test's fleet, and listing 5,000 sites'
     * objects takes longer.
     */
    static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(2);

    FleetLab(EvolveSettings evolve) {
        operator = new OperatorRunner(server, () -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC(), evolve))
                .tuning(o -> o.withMetrics(reconciles).withCacheSyncTimeout(CACHE_SYNC_TIMEOUT));
        sites = new SiteWatch(server.adminClient());
    }

    KubernetesClient admin() {
        return server.adminClient();
    }

    RequestLog requests() {
        return server.requests();
    }

    void applyReleases() {
        Fleet.releases().forEach(r -> admin().resource(r).create());
    }

    /** Waits until the releases are Ready (the shared work is done before a measurement starts). */
    void awaitReleasesReady() {
        for (var release : Fleet.releases()) {
            Await.until("ReleaseIndex " + release.getMetadata().getName() + " Ready", Duration.ofSeconds(60),
                    () -> Conditions.isTrue(java.util.Optional.ofNullable(admin().resource(release).get().getStatus())
                            .map(s -> s.getConditions()).orElse(null), Conditions.READY));
        }
    }

    /** Applies sites {@code from..to-1} (their databases and sites) on {@link #THREADS} threads, as a GitOps sync would. */
    void applySites(int from, int to) {
        applySites(from, to, Fleet::siteObjects);
    }

    /** The same with other objects per site (e.g. {@link Fleet#trainSiteObjects}). */
    void applySites(int from, int to, IntFunction<List<HasMetadata>> objects) {
        parallel(from, to, i -> () -> objects.apply(i).forEach(o -> admin().resource(o).create()));
    }

    /** Runs one task per index on {@link #THREADS} threads and waits for all. */
    static void parallel(int from, int to, IntFunction<Runnable> task) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = from; i < to; i++) {
                done.add(pool.submit(task.apply(i)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        sites.close();
        operator.close();
        cluster.close();
        server.close();
    }
}
