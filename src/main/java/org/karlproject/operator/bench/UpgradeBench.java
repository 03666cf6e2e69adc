package org.karlproject.operator.bench;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.evolve.EvolveSlots;
import org.karlproject.operator.sim.ZeoServer;

/**
 * M6: all N sites move at once to a release that needs an evolve, with {@code karl.evolve.max-concurrent}
 * set: total time, the peak of read-only ZEO servers and the peak of runs past Pending (sampled every 5 ms
 * from the simulated cluster and an informer), which must not pass the limit.
 */
final class UpgradeBench {
    private UpgradeBench() {
    }

    static void run(Options options, Report report) {
        int n = options.sites();
        int limit = options.maxEvolve();
        List<Double> millis = new ArrayList<>();
        List<Double> readOnly = new ArrayList<>();
        List<Double> active = new ArrayList<>();
        List<Double> listed = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            try (FleetLab lab = InstallRun.run(n, EvolveSettings.DEFAULTS.withMaxConcurrent(limit)).lab();
                    SharedIndexInformer<EvolveRun> runs = lab.admin().resources(EvolveRun.class).inNamespace(Fleet.NS)
                            .inform()) {
                AtomicLong peakReadOnly = new AtomicLong();
                AtomicLong peakActive = new AtomicLong();
                AtomicLong peakListed = new AtomicLong();
                AtomicBoolean sampling = new AtomicBoolean(true);
                long[] samples = {0};
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        peakReadOnly.accumulateAndGet(lab.cluster.zeoServers().values().stream()
                                .filter(ZeoServer::readOnly).count(), Math::max);
                        peakActive.accumulateAndGet(runs.getStore().list().stream().filter(EvolveSlots::active).count(),
                                Math::max);
                        if (++samples[0] % 10 == 0) { // and, every 50 ms, the server's own list: no watch ordering
                            peakListed.accumulateAndGet(lab.admin().resources(EvolveRun.class).inNamespace(Fleet.NS)
                                    .list().getItems().stream().filter(EvolveSlots::active).count(), Math::max);
                        }
                        SteadyBench.sleep(5);
                    }
                }, "m6-sampler");
                sampler.start();
                long start = System.nanoTime();
                FleetLab.parallel(0, n, i -> () -> lab.admin().resources(KarlSite.class).inNamespace(Fleet.NS)
                        .withName(Fleet.site(i)).edit(s -> {
                            s.getSpec().setRelease(Fleet.NEEDS_EVOLVE);
                            return s;
                        }));
                long end = lab.sites.await(n, s -> Fleet.serves(s, Fleet.NEEDS_EVOLVE), InstallRun.timeout(4 * n),
                        "to serve " + Fleet.NEEDS_EVOLVE);
                sampling.set(false);
                sampler.join();
                millis.add((end - start) / 1e6);
                readOnly.add((double) peakReadOnly.get());
                active.add((double) peakActive.get());
                listed.add((double) peakListed.get());
                Benchmarks.progress("M6 run %d/%d: %.0f ms, peak read-only %d, peak active runs %d (listed %d; limit %d)",
                        r + 1, options.runs(), (end - start) / 1e6, peakReadOnly.get(), peakActive.get(), peakListed.get(),
                        limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String at = " (N=" + n + ", karl.evolve.max-concurrent=" + limit + ")";
        report.add(Row.of("M6", "fleet upgrade with evolve, until all Ready" + at, Sample.of(millis), 0, "ms"));
        report.add(Row.of("M6", "peak concurrent read-only sites (ZEO read-only)", Sample.of(readOnly), 0, ""));
        Sample a = Sample.of(active);
        report.add(Row.of("M6", "peak evolve runs past Pending (watch, every 5 ms)", a, 0, "").target("<= " + limit,
                a.max() <= limit));
        Sample l = Sample.of(listed);
        report.add(Row.of("M6", "peak evolve runs past Pending (server list, every 50 ms)", l, 0, "")
                .target("<= " + limit, l.max() <= limit));
    }
}
