package org.karlproject.operator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.Requests;

/** M1: fleet install against the floor. The last run's converged lab is kept for M2. */
final class InstallBench {
    private final Options options;
    private final Report report;
    private InstallRun last;

    InstallBench(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** A 2-site install and floor in this JVM first, so that class loading and JIT do not count. */
    static long warmUp() {
        long start = System.nanoTime();
        InstallRun run = InstallRun.run(2, EvolveSettings.DEFAULTS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        FloorPlan plan = FloorPlan.of(run.lab().admin(), run.operatorRequests().writes());
        run.lab().close();
        FloorRun.run(plan, 2);
        return millis;
    }

    InstallRun run() {
        int n = options.sites();
        List<Double> opMs = new ArrayList<>();
        List<Double> floorMs = new ArrayList<>();
        List<Double> timeRatio = new ArrayList<>();
        List<Double> opWrites = new ArrayList<>();
        List<Double> floorWrites = new ArrayList<>();
        List<Double> writeRatio = new ArrayList<>();
        Requests lastOp = null;
        Requests lastFloor = null;
        for (int r = 0; r < options.runs(); r++) {
            if (last != null) {
                last.lab().close();
            }
            last = InstallRun.run(n, EvolveSettings.DEFAULTS);
            FloorPlan plan = FloorPlan.of(last.lab().admin(), last.operatorRequests().writes());
            FloorRun floor = FloorRun.run(plan, n);
            opMs.add((double) last.millis());
            floorMs.add((double) floor.millis());
            timeRatio.add((double) last.millis() / Math.max(1, floor.millis()));
            double op = last.operatorRequests().writes().count() / (double) n;
            double fl = floor.requests().writes().count() / (double) n;
            opWrites.add(op);
            floorWrites.add(fl);
            writeRatio.add(op / fl);
            lastOp = last.operatorRequests();
            lastFloor = floor.requests();
            Benchmarks.progress("M1 run %d/%d: operator %d ms, floor %d ms, writes/site %.2f vs %.2f", r + 1,
                    options.runs(), last.millis(), floor.millis(), op, fl);
        }
        String at = " (N=" + n + ")";
        report.add(Row.of("M1", "install until all Ready, operator" + at, Sample.of(opMs), 0, "ms"));
        report.add(Row.of("M1", "install, the floor" + at, Sample.of(floorMs), 0, "ms"));
        Sample tr = Sample.of(timeRatio);
        report.add(Row.of("M1", "time ratio operator / floor", tr, 2, "").target("<= 1.5", tr.median() <= 1.5));
        report.add(Row.of("M1", "writes per site, operator", Sample.of(opWrites), 2, ""));
        report.add(Row.of("M1", "writes per site, the floor", Sample.of(floorWrites), 2, ""));
        Sample wr = Sample.of(writeRatio);
        report.add(Row.of("M1", "writes ratio operator / floor", wr, 2, "").target("1.00", wr.median() <= 1.005));
        report.note("M1", "Requests by verb in the last run (N=" + n + "): operator " + lastOp.countByVerb()
                + "; floor " + lastFloor.countByVerb() + ".");
        report.note("M1", "Writes per site by verb, resource and answer, operator vs floor (last run):\n\n"
                + breakdown(lastOp.writes(), lastFloor.writes(), n));
        return last;
    }

    static String breakdown(Requests operator, Requests floor, int n) {
        Map<String, Long> op = operator.countBy(InstallBench::key);
        Map<String, Long> fl = floor.countBy(InstallBench::key);
        Map<String, long[]> both = new TreeMap<>();
        op.forEach((k, v) -> both.computeIfAbsent(k, x -> new long[2])[0] = v);
        fl.forEach((k, v) -> both.computeIfAbsent(k, x -> new long[2])[1] = v);
        StringBuilder table = new StringBuilder("| write | operator/site | floor/site | extra/site |\n| --- | ---: | ---: | ---: |\n");
        both.forEach((k, v) -> table.append("| `%s` | %.2f | %.2f | %.2f |\n".formatted(k, v[0] / (double) n,
                v[1] / (double) n, (v[0] - v[1]) / (double) n)));
        return table.toString();
    }

    private static String key(ApiRequest r) {
        return r.verb() + " " + r.resourceWithSubresource() + " " + r.status();
    }
}
