package org.karlproject.operator.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator's reconcilers against the embedded {@link ApiServer} in a plain JOSDK {@link Operator}
 * (no Quarkus), without server-side apply (the mock server has none, see {@code stack.md}).
 *
 * <p>Each {@link #start()} builds fresh reconciler instances from the supplier and a fresh client, like a new
 * operator process; {@link #stop()} ends it. Between the two, everything the operator knew lives only in the
 * API server: {@link #restart()} proves that the reconcilers resume from stored state alone.
 */
public final class OperatorRunner implements AutoCloseable {
    /** The user agent of the operator's client, to tell its requests apart in the {@link RequestLog}. */
    public static final String USER_AGENT = "karl-operator";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorRunner.class);
    /**
     * How long {@link #stop()} waits for reconciles in flight to finish (it returns as soon as they have): a
     * stopped operator makes no request after {@code stop()} returns, so "what the next operator wrote" is
     * never the old one's last reconcile finishing late on a loaded machine.
     */
    static final Duration IN_FLIGHT_RECONCILES = Duration.ofSeconds(30);

    private final Function<String, KubernetesClient> clients;
    private final Supplier<List<Reconciler<?>>> reconcilers;
    private Consumer<ConfigurationServiceOverrider> tuning = o -> { };
    private Operator operator;
    private KubernetesClient client;
    private int starts;

    public OperatorRunner(ApiServer server, Supplier<List<Reconciler<?>>> reconcilers) {
        this(server::client, reconcilers);
    }

    /** An operator whose clients come from {@code clients} (given the user agent), e.g. of a server elsewhere. */
    public OperatorRunner(Function<String, KubernetesClient> clients, Supplier<List<Reconciler<?>>> reconcilers) {
        this.clients = clients;
        this.reconcilers = reconcilers;
    }

    /** More operator settings for the next starts, e.g. {@code o -> o.withMetrics(counter)} (benchmarks). */
    public synchronized OperatorRunner tuning(Consumer<ConfigurationServiceOverrider> more) {
        tuning = more;
        return this;
    }

    /** Starts an operator with fresh reconcilers; returns when its informers have synced. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized OperatorRunner start() {
        if (operator != null) {
            throw new IllegalStateException("the operator is already running");
        }
        client = clients.apply(USER_AGENT);
        KubernetesClient operatorClient = client;
        Consumer<ConfigurationServiceOverrider> more = tuning;
        Operator fresh = new Operator(o -> more.accept(o.withKubernetesClient(operatorClient)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withReconciliationTerminationTimeout(IN_FLIGHT_RECONCILES)
                .withCacheSyncTimeout(Duration.ofSeconds(10))
                .withStopOnInformerErrorDuringStartup(true)));
        for (Reconciler reconciler : reconcilers.get()) {
            fresh.register(reconciler);
        }
        fresh.start();
        operator = fresh;
        starts++;
        LOG.info("operator started (start #{})", starts);
        return this;
    }

    /**
     * Stops the operator, as if its process ended: informers stop, and the reconciles in flight finish (up to
     * {@link #IN_FLIGHT_RECONCILES}) before this returns, so none of its requests comes after.
     */
    public synchronized void stop() {
        if (operator == null) {
            return;
        }
        try {
            operator.stop();
        } finally {
            operator = null;
            client.close();
            client = null;
            LOG.info("operator stopped");
        }
    }

    /** Stops and starts again with fresh reconcilers on the same stored state. */
    public OperatorRunner restart() {
        stop();
        return start();
    }

    public synchronized boolean isRunning() {
        return operator != null;
    }

    /** How many times the operator has been started. */
    public synchronized int starts() {
        return starts;
    }

    @Override
    public void close() {
        stop();
    }
}
