package org.karlproject.operator.bench;

import java.time.Duration;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;

/** M2: a converged fleet, an operator restart (full resync) and an idle period: no writes. */
final class SteadyBench {
    private SteadyBench() {
    }

    static void run(FleetLab lab, int sites, Options options, Report report) {
        Await.until("the operator to go quiet after the install", Duration.ofSeconds(120), () -> quietFor(lab, 1_000));
        long mark = lab.requests().mark();
        lab.operator.restart();
        sleep(options.idleSeconds() * 1_000L);
        Requests all = lab.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        Requests writes = all.writes().filter(r -> !r.resource().equals("leases"));
        report.add(Row.of("M2", "writes after restart + " + options.idleSeconds() + " s idle (N=" + sites + ")",
                Sample.of(writes.count()), 0, "").target("0", writes.count() == 0));
        report.add(Row.of("M2", "reads after restart (lists and watches of the resync)", Sample.of(all.count() - writes.count()), 0, ""));
        report.note("M2", "Requests by the operator after the restart: " + all.countByVerb() + " by verb; "
                + all.countByResource() + " by resource." + (writes.count() == 0 ? "" : " Writes:\n\n```\n" + writes + "\n```"));
    }

    /**
     * Whether nobody (neither the operator nor the simulated cluster, whose status writes wake the operator
     * again) wrote for {@code millis}: a fleet whose simulated kubelet is still catching up is not converged,
     * even when the operator is idle for a moment.
     */
    static boolean quietFor(FleetLab lab, long millis) {
        long mark = lab.requests().mark();
        sleep(millis);
        return lab.requests().snapshot().since(mark).writes().count() == 0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
