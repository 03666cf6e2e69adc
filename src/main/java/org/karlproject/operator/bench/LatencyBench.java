package org.karlproject.operator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.sim.Requests;

/**
 * M5: reaction latency, idle (one probe site at a time on a converged fleet) and during an M1 burst (all
 * probes at once while N new sites are applied). Half the probes move to a release of the same generation
 * (release latency); the other half to one that needs an evolve (release latency and phase latencies).
 * During the burst, the first half move on to the evolve.
 */
final class LatencyBench {
    private LatencyBench() {
    }

    static void run(Options options, Report report) {
        List<Double> releaseIdle = new ArrayList<>();
        List<Double> phaseIdle = new ArrayList<>();
        List<Double> releaseBurst = new ArrayList<>();
        List<Double> phaseBurst = new ArrayList<>();
        int p = options.probes();
        java.util.Set<String> slow = new java.util.TreeSet<>();
        List<Double> queueIdle = new ArrayList<>();
        List<Double> queueBurst = new ArrayList<>();
        List<Double> queueProbes = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            try (FleetLab lab = InstallRun.run(p, EvolveSettings.DEFAULTS).lab()) {
                long idleMark = System.nanoTime();
                for (int i = 0; i < p; i++) {
                    String release = i % 2 == 0 ? Fleet.SAME_GENERATION : Fleet.NEEDS_EVOLVE;
                    move(lab, i, release);
                    await(lab, i, release, 1);
                    Requests log = lab.requests().snapshot();
                    Reactions.release(log, Fleet.site(i), release).ifPresent(releaseIdle::add);
                    phaseIdle.addAll(Reactions.phases(log, Fleet.site(i), release, slow::add));
                }
                lab.reconciles.waitsSince(idleMark).forEach(w -> queueIdle.add(w.millis()));
                long burstMark = System.nanoTime();
                long mark = lab.requests().mark();
                CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> lab.applySites(p, p + options.sites()));
                SteadyBench.sleep(200); // the burst is under way
                FleetLab.parallel(0, p, i -> () -> move(lab, i, i % 2 == 0 ? Fleet.NEEDS_EVOLVE : null));
                burst.join();
                for (int i = 0; i < p; i += 2) {
                    await(lab, i, Fleet.NEEDS_EVOLVE, options.sites());
                    Requests log = lab.requests().snapshot().since(mark);
                    Reactions.release(log, Fleet.site(i), Fleet.NEEDS_EVOLVE).ifPresent(releaseBurst::add);
                    phaseBurst.addAll(Reactions.phases(log, Fleet.site(i), Fleet.NEEDS_EVOLVE));
                }
                java.util.Set<String> probes = new java.util.HashSet<>();
                for (int i = 0; i < p; i += 2) {
                    probes.add(Fleet.site(i));
                }
                for (ReconcileCounter.Wait w : lab.reconciles.waitsSince(burstMark)) {
                    queueBurst.add(w.millis());
                    if (probes.contains(w.name())) {
                        queueProbes.add(w.millis()); // the probe sites' reconciles and their databases' (the same names)
                    }
                }
            }
            Benchmarks.progress("M5 run %d/%d: %d + %d idle, %d + %d burst samples", r + 1, options.runs(),
                    releaseIdle.size(), phaseIdle.size(), releaseBurst.size(), phaseBurst.size());
        }
        String burst = ", during a burst of " + options.sites() + " new sites";
        add(report, "release change to first child write, idle", releaseIdle, 50);
        add(report, "evolve phase finished to next phase write, idle", phaseIdle, 50);
        add(report, "release change to first child write" + burst, releaseBurst, 500);
        add(report, "evolve phase finished to next phase write" + burst, phaseBurst, 500);
        // why a reaction waits: each reconcile waits in JOSDK's one executor queue, shared by all controllers
        quantiles(report, "a reconcile's wait in JOSDK's executor queue, idle", queueIdle);
        quantiles(report, "a reconcile's wait in JOSDK's executor queue" + burst, queueBurst);
        quantiles(report, "the probes' reconciles' wait in the queue (sites and their databases)" + burst,
                queueProbes);
        report.note("M5", "Idle: " + p + " probe sites of a converged fleet, one at a time: the even ones move to "
                + Fleet.SAME_GENERATION + " (same generation), the odd ones to " + Fleet.NEEDS_EVOLVE
                + " (an evolve). Burst: while " + options.sites() + " new sites are applied, the even probes move on to "
                + Fleet.NEEDS_EVOLVE + ". Latencies are pooled over the runs; times are the API server's arrival times."
                + (slow.isEmpty() ? "" : " Idle phase reactions slower than " + (int) Reactions.SLOW + " ms, with what"
                + " finished the phase:\n\n" + String.join("\n", slow.stream().map(x -> "- " + x).toList())));
    }

    private static void move(FleetLab lab, int i, String release) {
        if (release == null) {
            return;
        }
        lab.admin().resources(KarlSite.class).inNamespace(Fleet.NS).withName(Fleet.site(i)).edit(s -> {
            s.getSpec().setRelease(release);
            return s;
        });
    }

    private static void await(FleetLab lab, int i, String release, int load) {
        String name = Fleet.site(i);
        lab.sites.await(1, s -> s.getMetadata().getName().equals(name) && Fleet.serves(s, release),
                InstallRun.timeout(load), name + " to serve " + release);
    }

    private static void quantiles(Report report, String what, List<Double> waits) {
        if (waits.isEmpty()) {
            return;
        }
        Sample s = Sample.of(waits);
        report.add(Row.of("M5", what + " p50 (" + waits.size() + " reconciles)", Sample.of(s.quantile(0.5)), 1, "ms"));
        report.add(Row.of("M5", what + " p99", Sample.of(s.quantile(0.99)), 1, "ms"));
    }

    private static void add(Report report, String what, List<Double> latencies, int targetP99) {
        Sample s = Sample.of(latencies);
        report.add(Row.of("M5", what + " p50 (" + latencies.size() + " samples)", Sample.of(s.quantile(0.5)), 1, "ms"));
        report.add(Row.of("M5", what + " p99", Sample.of(s.quantile(0.99)), 1, "ms")
                .target("<= " + targetP99 + " ms", s.quantile(0.99) <= targetP99));
    }
}
