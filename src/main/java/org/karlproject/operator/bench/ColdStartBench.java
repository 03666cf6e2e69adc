package org.karlproject.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;

/**
 * M3: a converged fleet, and a new operator process: JVM start, then operator start until every custom
 * resource has been reconciled once, with no writes.
 */
final class ColdStartBench {
    private ColdStartBench() {
    }

    static void run(Options options, Report report) {
        List<Integer> sizes = options.coldSites();
        InstallRun install = InstallRun.run(sizes.get(0), EvolveSettings.DEFAULTS);
        try (FleetLab lab = install.lab()) {
            Benchmarks.progress("M3: %d sites converged in %d ms; starting operator processes", sizes.get(0),
                    install.millis());
            int installed = sizes.get(0);
            for (int n : sizes) {
                if (n > installed) { // the next size is installed by this JVM's operator, as M4 does
                    long started = System.nanoTime();
                    lab.operator.start();
                    lab.applySites(installed, n);
                    lab.sites.await(n, s -> Fleet.serves(s, Fleet.FIRST), InstallRun.timeout(n - installed), "to serve");
                    installed = n;
                    // serving is not done: workers, the digest CronJob and statuses follow; stopping the operator
                    // before it goes quiet would leave the new process that work (as writes)
                    Await.until("the operator to go quiet", InstallRun.timeout(n), () -> SteadyBench.quietFor(lab,
                            InstallRun.QUIET_MILLIS));
                    Benchmarks.progress("M3: %d sites converged in %d ms; starting operator processes", n,
                            (System.nanoTime() - started) / 1_000_000);
                }
                measure(lab, n, options, report);
            }
        }
    }

    /** The cold starts at one fleet size: the fleet's own operator stopped, then {@code --runs} new processes. */
    private static void measure(FleetLab lab, int n, Options options, Report report) {
        lab.operator.stop();
        int resources = resources(lab);
        Await.until("the fleet to stay quiet", InstallRun.timeout(n), () -> SteadyBench.quietFor(lab,
                InstallRun.QUIET_MILLIS));
        report.note("M3", "Converged before the cold starts at N=" + n + ": "
                + lastWrite(lab.requests().snapshot().writes()));
        Map<String, List<Double>> figures = new java.util.LinkedHashMap<>();
        List<Double> writes = new ArrayList<>();
        for (int r = 0; r < options.runs(); r++) {
            long mark = lab.requests().mark();
            Map<String, String> child = OperatorProcess.run(lab.server.url(), resources, options.operatorJvm(n));
            SteadyBench.sleep(1_000);
            for (String key : FIGURES) {
                figures.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.valueOf(child.get(key)));
            }
            var written = lab.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
            writes.add((double) written.count());
            if (written.count() > 0) {
                report.note("M3", "Writes during cold start " + (r + 1) + " at N=" + n + ": " + written.countBy(q -> q.verb()
                        + " " + q.resourceWithSubresource() + " " + q.status()) + "\n\n```\n" + written + "\n```");
            }
            Benchmarks.progress("M3 run %d/%d at N=%d: %s", r + 1, options.runs(), n, child);
        }
        String at = " (N=" + n + ", " + resources + " resources)";
        report.add(Row.of("M3", "JVM start to main" + at, Sample.of(figures.get("jvmToMain")), 0, "ms"));
        Sample s = Sample.of(figures.get("startToReconciled"));
        Row total = Row.of("M3", "operator start to all reconciled" + at, s, 0, "ms");
        // issue 18's target is for the default chart's fleet: a new process reconciles 1,000 sites in 5 s
        report.add(n == 1000 ? total.target("<= 5000", s.median() <= 5000) : total);
        report.add(Row.of("M3", "JVM start to all reconciled" + at, Sample.of(figures.get("jvmToReconciled")), 0, "ms"));
        // how much of it is the operator's own work: its informers' first lists wait on the server
        report.add(Row.of("M3", "of which operator start to informers synced" + at, Sample.of(figures.get("startToSynced")),
                0, "ms"));
        report.add(Row.of("M3", "operator process CPU time, JVM start to all reconciled" + at,
                Sample.of(figures.get("cpuToReconciled")), 0, "ms"));
        // how many informers decode each object: each informer that caches a kind decodes its own copy
        report.add(Row.of("M3", "objects the informers stored until all reconciled (list items, watch events)" + at,
                Sample.of(figures.get("cacheStored")), 0, ""));
        report.add(Row.of("M3", "cache entries once all reconciled (one per object per informer)" + at,
                Sample.of(figures.get("cacheEntries")), 0, ""));
        report.add(Row.of("M3", "distinct objects in those caches" + at, Sample.of(figures.get("cachedObjects")), 0, ""));
        Sample w = Sample.of(writes);
        report.add(Row.of("M3", "writes during the cold start" + at, w, 0, "").target("0", w.max() == 0));
    }

    /** What each new process reports and M3 records (see {@link OperatorProcess#main}). */
    private static final List<String> FIGURES = List.of("jvmToMain", "startToReconciled", "jvmToReconciled",
            "startToSynced", "cpuToReconciled", "cacheStored", "cacheEntries", "cachedObjects");

    /** The fleet's last write before the cold starts, by whom and how long before the first one. */
    static String lastWrite(Requests writes) {
        if (writes.count() == 0) {
            return "no write at all";
        }
        ApiRequest last = writes.list().get(writes.count() - 1);
        return "the fleet's last write (" + last.verb() + " " + last.resourceWithSubresource() + " " + last.name()
                + " by " + last.userAgent() + ") came " + Duration.between(last.time(), Instant.now()).toMillis()
                + " ms before the first new operator process started.";
    }

    static int resources(FleetLab lab) {
        return resources(lab.admin());
    }

    /** The custom resources of the fleet's namespace: what a new operator process reconciles once each. */
    static int resources(KubernetesClient admin) {
        return admin.resources(KarlSite.class).inNamespace(Fleet.NS).list().getItems().size()
                + admin.resources(ZeoDatabase.class).inNamespace(Fleet.NS).list().getItems().size()
                + admin.resources(ReleaseIndex.class).inNamespace(Fleet.NS).list().getItems().size()
                + admin.resources(EvolveRun.class).inNamespace(Fleet.NS).list().getItems().size();
    }
}
