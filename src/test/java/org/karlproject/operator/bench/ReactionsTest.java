package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimulatedCluster;

/** M5's phase latencies, read from a request log written by hand. */
class ReactionsTest {
    private static final String GROUP = "deploy.karlproject.org";
    /** The site's run: named per attempt. */
    private static final String RUN = "site-0001-karl-3-32-4f2a9c";
    private final List<ApiRequest> log = new ArrayList<>();

    @Test
    void eachRunStatusWriteCountsFromWhatFinishedItsPhaseAndNothingBeforeTheRunCounts() {
        at(0, "update", GROUP, "zeodatabases", "status", "site-0001", OperatorRunner.USER_AGENT); // the install's
        at(5_000, "create", GROUP, "evolveruns", "", RUN, OperatorRunner.USER_AGENT);
        at(5_012, "update", GROUP, "evolveruns", "status", RUN, OperatorRunner.USER_AGENT);
        at(5_100, "patch", "snapshot.storage.k8s.io", "volumesnapshots", "status", RUN + "-base",
                SimulatedCluster.USER_AGENT);
        at(5_130, "update", GROUP, "evolveruns", "status", RUN, OperatorRunner.USER_AGENT);
        at(5_200, "update", GROUP, "zeodatabases", "status", "site-0001", OperatorRunner.USER_AGENT);
        at(5_207, "update", GROUP, "evolveruns", "status", RUN, OperatorRunner.USER_AGENT);
        at(5_300, "update", GROUP, "evolveruns", "status", RUN, OperatorRunner.USER_AGENT); // no trigger

        List<String> slow = new ArrayList<>();
        List<Double> latencies = Reactions.phases(new Requests(log), "site-0001", "karl-3-32", slow::add);

        assertEquals(List.of(12.0, 30.0, 7.0), latencies);
        assertEquals(List.of(), slow);
    }

    private void at(long millis, String verb, String group, String resource, String subresource, String name,
            String agent) {
        log.add(new ApiRequest(log.size(), Instant.EPOCH.plusMillis(millis), verb, "X", group, "v1", resource,
                subresource, "fleet", name, agent, "/", 200));
    }
}
