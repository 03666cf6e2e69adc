package org.karlproject.operator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.evolve.EvolveSettings;

/**
 * M4: the operator's heap after a full GC and its RSS, in a process of its own (the mock server and the
 * simulated cluster stay in the benchmark's process; JVM options from {@code --operator-jvm}), over fleets
 * of growing size; the slope per site.
 */
final class MemoryBench {
    private static final double MIB = 1024 * 1024;

    private MemoryBench() {
    }

    static void run(Options options, Report report) {
        List<double[]> points = new ArrayList<>(); // sites, heap bytes, rss bytes
        try (FleetLab lab = new FleetLab(EvolveSettings.DEFAULTS)) {
            lab.operator.start();
            lab.applyReleases();
            lab.awaitReleasesReady();
            int installed = 0;
            for (int n : options.memorySites()) {
                long started = System.nanoTime();
                try {
                    lab.applySites(installed, n);
                    lab.sites.await(n, s -> Fleet.serves(s, Fleet.FIRST), InstallRun.timeout(n - installed), "to serve");
                } catch (IllegalStateException e) {
                    report.note("M4", "Stopped before N=" + n + ": " + e.getMessage() + " (installing "
                            + (n - installed) + " more sites on the mock server took longer than the timeout).");
                    break;
                }
                installed = n;
                Benchmarks.progress("M4: %d sites converged (%d ms)", n, (System.nanoTime() - started) / 1_000_000);
                org.karlproject.operator.sim.Await.until("the operator to go quiet", InstallRun.timeout(n),
                        () -> SteadyBench.quietFor(lab, InstallRun.QUIET_MILLIS));
                lab.operator.stop();
                int resources = ColdStartBench.resources(lab);
                List<Double> heap = new ArrayList<>();
                List<Double> rss = new ArrayList<>();
                for (int r = 0; r < options.runs(); r++) {
                    Map<String, String> child = OperatorProcess.run(lab.server.url(), resources, options.operatorJvm(n));
                    heap.add(Double.parseDouble(child.get("heapAfterGc")));
                    rss.add(Double.parseDouble(child.get("rss")));
                }
                Sample h = Sample.of(heap.stream().map(b -> b / MIB).toList());
                Sample m = Sample.of(rss.stream().map(b -> b / MIB).toList());
                report.add(Row.of("M4", "operator heap after full GC, N=" + n, h, 1, "MiB"));
                Row rssRow = Row.of("M4", "operator RSS, N=" + n, m, 1, "MiB");
                // issue 18: the default chart (512Mi, its JVM options: --operator-jvm chart) runs 1,000 sites
                report.add(n == 1000 ? rssRow.target("<= 350 MiB", m.median() <= 350) : rssRow);
                points.add(new double[] {n, h.median() * MIB, m.median() * MIB});
                if (n != options.memorySites().get(options.memorySites().size() - 1)) {
                    lab.operator.start(); // the next size is installed by this JVM's operator
                }
            }
        }
        if (points.size() >= 2) {
            double[] first = points.get(0);
            double[] last = points.get(points.size() - 1);
            double perSite = (last[1] - first[1]) / (last[0] - first[0]) / 1024;
            double rssPerSite = (last[2] - first[2]) / (last[0] - first[0]) / 1024;
            report.add(Row.of("M4", "heap slope per site (N=" + (int) first[0] + " to " + (int) last[0] + ")",
                    Sample.of(perSite), 1, "KB").target("<= 25 KB", perSite <= 25));
            report.add(Row.of("M4", "RSS slope per site", Sample.of(rssPerSite), 1, "KB"));
        }
        if (points.size() >= 3) {
            // the first hundred sites also pay for warm-up (classes, code paths): the slope past the second size
            double[] second = points.get(1);
            double[] last = points.get(points.size() - 1);
            double perSite = (last[1] - second[1]) / (last[0] - second[0]) / 1024;
            report.add(Row.of("M4", "heap slope per site (N=" + (int) second[0] + " to " + (int) last[0] + ")",
                    Sample.of(perSite), 1, "KB").target("<= 25 KB", perSite <= 25));
            report.add(Row.of("M4", "RSS slope per site (N=" + (int) second[0] + " to " + (int) last[0] + ")",
                    Sample.of((last[2] - second[2]) / (last[0] - second[0]) / 1024), 1, "KB"));
        }
    }
}
