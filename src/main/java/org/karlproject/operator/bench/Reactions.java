package org.karlproject.operator.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimulatedCluster;

/**
 * M5's two latencies, read from the request log (arrival times at the API server):
 * <ul>
 *   <li>release: the user's write of a site's {@code spec.release} to the operator's first create of a child
 *       of that site (its first Deployment of the new release, or its EvolveRun);</li>
 *   <li>phase: each write of an EvolveRun's status by the operator, from the latest event that let its phase
 *       finish since the run's previous write: the run's creation (for its first write), the simulated
 *       cluster's status write of one of the run's children (snapshots, restored volume, Job) or of the
 *       database's ZEO Deployment, or the operator's own write of the database's status. Nothing before the
 *       run's creation counts (a database status written during the install is no trigger).</li>
 * </ul>
 */
final class Reactions {
    private static final java.util.Set<String> CHILDREN = java.util.Set.of("volumesnapshots", "persistentvolumeclaims", "jobs");
    private Reactions() {
    }

    static Optional<Double> release(Requests log, String site, String release) {
        Optional<ApiRequest> edit = log.filter(r -> r.userAgent().startsWith("karl-test-admin") && r.isWrite()
                && r.resource().equals("karlsites") && r.subresource().isEmpty() && r.name().equals(site)).list()
                .stream().reduce((a, b) -> b);
        if (edit.isEmpty()) {
            return Optional.empty();
        }
        return log.since(edit.get().sequence()).from(OperatorRunner.USER_AGENT).verb("create")
                .filter(r -> r.name().startsWith(site + "-" + release)).list().stream()
                .findFirst().map(r -> millis(edit.get().time(), r.time()));
    }

    /** Phase latencies above this are listed in the report with their trigger. */
    static final double SLOW = 100;

    static List<Double> phases(Requests log, String site, String release) {
        return phases(log, site, release, slow -> { });
    }

    static List<Double> phases(Requests log, String site, String release, java.util.function.Consumer<String> slow) {
        String run = site + "-" + release + "-"; // the site's EvolveRun: its name has a suffix per attempt
        List<Double> latencies = new ArrayList<>();
        ApiRequest trigger = null;
        boolean started = false;
        for (ApiRequest r : log.list()) {
            boolean byCluster = r.userAgent().startsWith(SimulatedCluster.USER_AGENT) && r.subresource().equals("status")
                    && (CHILDREN.contains(r.resource()) && r.name().startsWith(run) || r.name().equals(site + "-zeo"));
            boolean byDatabase = r.userAgent().startsWith(OperatorRunner.USER_AGENT)
                    && r.resourceWithSubresource().equals("zeodatabases/status") && r.name().equals(site);
            boolean created = r.verb().equals("create") && r.resourceWithSubresource().equals("evolveruns")
                    && r.name().startsWith(run);
            if (created) {
                started = true; // the run's first phase starts from its creation, not from anything earlier
                trigger = r;
            } else if (!started) {
                continue;
            } else if (byCluster || byDatabase) {
                trigger = r;
            } else if (r.userAgent().startsWith(OperatorRunner.USER_AGENT)
                    && r.resourceWithSubresource().equals("evolveruns/status") && r.name().startsWith(run)) {
                if (trigger != null) {
                    double latency = millis(trigger.time(), r.time());
                    latencies.add(latency);
                    if (latency > SLOW) {
                        slow.accept("%.0f ms after %s".formatted(latency, trigger));
                    }
                }
                trigger = null;
            }
        }
        return latencies;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
