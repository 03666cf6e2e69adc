package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.api.train.TrainStages;
import org.karlproject.operator.api.train.TrainSites;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.evolve.EvolveSlots;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.sim.ZeoServer;

/**
 * M6, a train of N sites: one ReleaseTrain selects the fleet's N production sites and moves them to a release
 * that needs an evolve (policy Automatic), a canary of one, then waves of {@code --wave} sites, each baking
 * {@code --bake} seconds, with {@code karl.evolve.max-concurrent} set. Total time until the train Succeeded;
 * the peaks of read-only ZEO servers and of runs past Pending (sampled every 5 ms from the simulated cluster and
 * an informer, and every 50 ms from the server's list), which must not pass the limit; from the train's rows
 * ({@link TrainWaves}) whether the waves and bakes were respected; the train's size at N sites.
 */
final class UpgradeBench {
    /** The API server's default limit on one object (etcd's request limit): the train must stay well under. */
    static final long OBJECT_LIMIT_BYTES = 1_572_864;

    private UpgradeBench() {
    }

    static void run(Options options, Report report) {
        int n = options.sites();
        int limit = options.maxEvolve();
        List<Double> millis = new ArrayList<>();
        List<Double> readOnly = new ArrayList<>();
        List<Double> active = new ArrayList<>();
        List<Double> listed = new ArrayList<>();
        List<Double> waves = new ArrayList<>();
        List<Double> early = new ArrayList<>();
        List<Double> shortBakes = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        for (int r = 0; r < options.trainRuns(); r++) {
            try (FleetLab lab = InstallRun.run(n, EvolveSettings.DEFAULTS.withMaxConcurrent(limit), Fleet::trainSiteObjects)
                    .lab(); SharedIndexInformer<EvolveRun> runs = lab.admin().resources(EvolveRun.class)
                            .inNamespace(Fleet.NS).inform()) {
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
                ReleaseTrain train = lab.admin().resource(train(options)).create();
                ReleaseTrain done = Await.value("the train of " + n + " sites to succeed", trainTimeout(n, options),
                        () -> {
                            ReleaseTrain current = lab.admin().resource(train).get();
                            return current.getStatus() != null && (current.getStatus().getPhase() == TrainPhase.Succeeded
                                    || current.getStatus().getPhase() == TrainPhase.Halted) ? current : null;
                        });
                long end = System.nanoTime();
                sampling.set(false);
                sampler.join();
                if (done.getStatus().getPhase() != TrainPhase.Succeeded) {
                    throw new IllegalStateException("the train halted: " + done.getStatus().getProgress() + " done, "
                            + done.getStatus().getCounts());
                }
                TrainWaves check = TrainWaves.of(done, lab.sites.all(), options.bakeSeconds());
                long size = lab.admin().getKubernetesSerialization().asJson(done).getBytes(StandardCharsets.UTF_8).length;
                millis.add((end - start) / 1e6);
                readOnly.add((double) peakReadOnly.get());
                active.add((double) peakActive.get());
                listed.add((double) peakListed.get());
                waves.add((double) check.waves());
                early.add((double) check.earlyStarts());
                shortBakes.add((double) check.shortBakes());
                bytes.add((double) size);
                Benchmarks.progress("M6 run %d/%d: train of %d sites Succeeded in %.0f ms (%d waves), peak read-only %d, "
                        + "peak active runs %d (listed %d; limit %d), early starts %d, short bakes %d, %d bytes", r + 1,
                        options.trainRuns(), n, (end - start) / 1e6, check.waves(), peakReadOnly.get(), peakActive.get(),
                        peakListed.get(), limit, check.earlyStarts(), check.shortBakes(), size);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String at = " (N=" + n + ", canary 1, waves of " + options.wave() + ", bake " + options.bakeSeconds()
                + " s, karl.evolve.max-concurrent=" + limit + ")";
        report.add(Row.of("M6", "a train of N sites with evolve, until Succeeded" + at, Sample.of(millis), 0, "ms"));
        report.add(Row.of("M6", "train: waves (the canary and the waves after it)", Sample.of(waves), 0, ""));
        report.add(Row.of("M6", "peak concurrent read-only sites (ZEO read-only)", Sample.of(readOnly), 0, ""));
        Sample a = Sample.of(active);
        report.add(Row.of("M6", "peak evolve runs past Pending (watch, every 5 ms)", a, 0, "").target("<= " + limit,
                a.max() <= limit));
        Sample l = Sample.of(listed);
        report.add(Row.of("M6", "peak evolve runs past Pending (server list, every 50 ms)", l, 0, "")
                .target("<= " + limit, l.max() <= limit));
        Sample e = Sample.of(early);
        report.add(Row.of("M6", "train: sites started before the previous wave's bake ended", e, 0, "")
                .target("0", e.max() == 0));
        Sample b = Sample.of(shortBakes);
        report.add(Row.of("M6", "train: waves that baked less than the bake after their last switch", b, 0, "")
                .target("0", b.max() == 0));
        Sample s = Sample.of(bytes);
        report.add(Row.of("M6", "train: the ReleaseTrain's size as JSON at N sites", s, 0, "bytes")
                .target("< " + OBJECT_LIMIT_BYTES / 10, s.max() < OBJECT_LIMIT_BYTES / 10));
        report.note("M6", "The train's object (spec and status, one row per site) must stay well under the API "
                + "server's " + OBJECT_LIMIT_BYTES + "-byte object limit; the target is a tenth of it.");
    }

    /** The fleet's train: karl 3.32 (the release that needs an evolve) through every site labelled for it. */
    static ReleaseTrain train(Options options) {
        ReleaseTrain train = new ReleaseTrain();
        train.setMetadata(new ObjectMetaBuilder().withName("m6").withNamespace(Fleet.NS).build());
        ReleaseTrainSpec spec = new ReleaseTrainSpec();
        spec.setKarlVersion("3.32");
        TrainSites sites = new TrainSites();
        sites.setMatchLabels(new java.util.TreeMap<>(Map.of(Fleet.TRAIN_LABEL, Fleet.NS)));
        spec.setSites(sites);
        TrainStages stages = new TrainStages();
        stages.setCanary(1);
        stages.setMaxParallel(options.wave());
        stages.setBakeSeconds(options.bakeSeconds());
        spec.setStages(stages);
        spec.setFailureBudget(0);
        train.setSpec(spec);
        return train;
    }

    /** The install's timeout for the evolves, plus every bake (at most one wave per site). */
    private static Duration trainTimeout(int n, Options options) {
        TrainStages stages = new TrainStages();
        stages.setMaxParallel(options.wave());
        int waves = 1 + (n + stages.waveSize(n) - 1) / stages.waveSize(n);
        return InstallRun.timeout(4 * n).plusSeconds((long) waves * (options.bakeSeconds() + 2));
    }
}
