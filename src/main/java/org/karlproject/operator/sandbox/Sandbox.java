package org.karlproject.operator.sandbox;

import java.time.Duration;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.KubectlFront;
import org.karlproject.operator.sim.SimulatedCluster;

/**
 * The sandbox's world: the embedded API server (the Fabric8 mock server in CRUD mode, on loopback only)
 * and the simulated cluster playing kubelet, the workload controllers and CSI, with delays long enough
 * to watch and short enough that the whole story takes well under a minute.
 */
public final class Sandbox implements AutoCloseable {

    private final ApiServer server;
    private final KubectlFront front;
    private final SimulatedCluster cluster;

    private Sandbox(ApiServer server, KubectlFront front, SimulatedCluster cluster) {
        this.server = server;
        this.front = front;
        this.cluster = cluster;
    }

    /**
     * Starts the server, its front for kubectl on {@code port} (0: any free port; see {@link KubectlFront}: watches
     * over plain HTTP, field selectors) and the simulated cluster.
     */
    public static Sandbox start(int port) {
        ApiServer server = ApiServer.start(0);
        KubectlFront front = KubectlFront.start(server.url(), port);
        SimulatedCluster cluster = SimulatedCluster.start(server)
                .workloadsReadyAfter(Duration.ofMillis(300))
                .pvcsBindAfter(Duration.ofMillis(150))
                .snapshotsReadyAfter(Duration.ofMillis(300))
                .jobsRunFor(Duration.ofMillis(500))
                .zeoWritesEvery(Duration.ofSeconds(1));
        return new Sandbox(server, front, cluster);
    }

    public ApiServer server() {
        return server;
    }

    /** The URL kubectl and the plugin use (the operator talks to {@link #server()} directly). */
    public String kubectlUrl() {
        return front.url();
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.close();
        front.close();
        server.close();
    }
}
