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
        int n = options.coldSites();
        InstallRun install = InstallRun.run(n, EvolveSettings.DEFAULTS);
        try (FleetLab lab = install.lab()) {
            Benchmarks.progress("M3: %d sites converged in %d ms; starting operator processes", n, install.millis());
            lab.operator.stop();
            int resources = resources(lab);
            Await.until("the fleet to stay quiet", InstallRun.timeout(n), () -> SteadyBench.quietFor(lab,
                    InstallRun.QUIET_MILLIS));
            report.note("M3", "Converged before the cold starts: " + lastWrite(lab.requests().snapshot().writes()));
            List<Double> jvm = new ArrayList<>();
            List<Double> start = new ArrayList<>();
            List<Double> total = new ArrayList<>();
            List<Double> synced = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> writes = new ArrayList<>();
            for (int r = 0; r < options.runs(); r++) {
                long mark = lab.requests().mark();
                Map<String, String> child = OperatorProcess.run(lab.server.url(), resources, options.operatorJvm());
                SteadyBench.sleep(1_000);
                jvm.add(Double.valueOf(child.get("jvmToMain")));
                start.add(Double.valueOf(child.get("startToReconciled")));
                total.add(Double.valueOf(child.get("jvmToReconciled")));
                synced.add(Double.valueOf(child.get("startToSynced")));
                cpu.add(Double.valueOf(child.get("cpuToReconciled")));
                var written = lab.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
                writes.add((double) written.count());
                if (written.count() > 0) {
                    report.note("M3", "Writes during cold start " + (r + 1) + ": " + written.countBy(q -> q.verb() + " "
                            + q.resourceWithSubresource() + " " + q.status()) + "\n\n```\n" + written + "\n```");
                }
                Benchmarks.progress("M3 run %d/%d: %s", r + 1, options.runs(), child);
            }
            String at = " (N=" + n + ", " + resources + " resources)";
            report.add(Row.of("M3", "JVM start to main", Sample.of(jvm), 0, "ms"));
            Sample s = Sample.of(start);
            report.add(Row.of("M3", "operator start to all reconciled" + at, s, 0, "ms").target("<= 5000", s.median() <= 5000));
            report.add(Row.of("M3", "JVM start to all reconciled", Sample.of(total), 0, "ms"));
            // how much of it is the operator's own work: its informers' first lists wait on the server
            report.add(Row.of("M3", "of which operator start to informers synced", Sample.of(synced), 0, "ms"));
            report.add(Row.of("M3", "operator process CPU time, JVM start to all reconciled", Sample.of(cpu), 0, "ms"));
            Sample w = Sample.of(writes);
            report.add(Row.of("M3", "writes during the cold start", w, 0, "").target("0", w.max() == 0));
        }
    }

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
