package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a scenario test needs, in one object: the embedded {@link ApiServer}, the
 * {@link SimulatedCluster} and an {@link OperatorRunner}, plus narration and waiting helpers that read like
 * the domain.
 *
 * <pre>{@code
 * try (SimHarness h = SimHarness.start(() -> List.of(new ZeoDatabaseReconciler()))) {
 *     h.step("a database is created");
 *     ZeoDatabase db = h.apply(zeoDatabase("prod"));
 *     h.awaitCondition(db, "Ready", "True");
 * }
 * }</pre>
 */
public final class SimHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimHarness.class);
    /**
     * How long the await helpers wait by default: only a failing test waits that long, so it is generous
     * enough for a shared, loaded 2-core machine (an evolve run there can take several seconds).
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ApiServer server;
    private final SimulatedCluster cluster;
    private final OperatorRunner operator;
    private final List<String> steps = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private SimHarness(Supplier<List<Reconciler<?>>> reconcilers) {
        server = ApiServer.start();
        cluster = SimulatedCluster.start(server);
        operator = new OperatorRunner(server, reconcilers);
    }

    /** Boots the server and the simulated cluster, then starts the operator with these reconcilers. */
    public static SimHarness start(Supplier<List<Reconciler<?>>> reconcilers) {
        SimHarness harness = new SimHarness(reconcilers);
        harness.operator.start();
        return harness;
    }

    /** Boots the server and the simulated cluster only; start the operator later with {@code operator().start()}. */
    public static SimHarness withoutOperator(Supplier<List<Reconciler<?>>> reconcilers) {
        return new SimHarness(reconcilers);
    }

    public ApiServer server() {
        return server;
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    public OperatorRunner operator() {
        return operator;
    }

    /** The client a test acts with, as a user would with kubectl. */
    public KubernetesClient client() {
        return server.adminClient();
    }

    public RequestLog requests() {
        return server.requests();
    }

    public Faults faults() {
        return server.faults();
    }

    public Lineage lineage() {
        return cluster.lineage();
    }

    public SimHarness timeout(Duration newTimeout) {
        timeout = newTimeout;
        return this;
    }

    /** Narrates a step of the scenario in the log, numbered. */
    public void step(String description) {
        steps.add(description);
        LOG.info("STEP {}: {}", steps.size(), description);
    }

    public List<String> steps() {
        return List.copyOf(steps);
    }

    /** Creates the object, or replaces it if it exists (the mock server has no server-side apply). */
    public <T extends HasMetadata> T apply(T resource) {
        return client().resource(resource).createOr(existing -> existing.update());
    }

    /**
     * Changes the latest stored version of the object, as {@code kubectl edit} would (spec, labels,
     * annotations), retrying when the operator wrote in between (409).
     */
    public <T extends HasMetadata> T edit(T resource, Consumer<T> change) {
        return retryOnConflict(() -> client().resource(get(resource)).edit(current -> {
            change.accept(current);
            return current;
        }));
    }

    /** Changes the stored object's status, playing a controller that the simulated cluster does not play. */
    public <T extends HasMetadata> T editStatus(T resource, Consumer<T> change) {
        return retryOnConflict(() -> client().resource(get(resource)).editStatus(current -> {
            change.accept(current);
            return current;
        }));
    }

    private static <T> T retryOnConflict(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The current version of an object, or null when it does not exist. */
    public <T extends HasMetadata> T get(T resource) {
        return client().resource(resource).get();
    }

    /** Waits until the object exists and satisfies the predicate; returns that version. */
    public <T extends HasMetadata> T await(T resource, String description, Predicate<T> predicate) {
        try {
            return Await.value(describe(resource) + " " + description, timeout,
                    () -> Optional.ofNullable(get(resource)).filter(predicate).orElse(null));
        } catch (AssertionError e) {
            // Say what the object looked like, so a failure can be understood from the report alone.
            T last = get(resource);
            throw new AssertionError(e.getMessage() + "; last seen status: "
                    + (last == null ? "(object absent)" : status(last)), e);
        }
    }

    /** Waits until the object's status has the condition {@code type} with {@code status} ("True"/"False"). */
    public <T extends HasMetadata> T awaitCondition(T resource, String type, String status) {
        return await(resource, "to have condition " + type + "=" + status,
                r -> status.equals(condition(r, type).map(c -> c.get("status")).orElse(null)));
    }

    /** Waits until {@code status.phase} of the object is {@code phase} (an enum or its name). */
    public <T extends HasMetadata> T awaitPhase(T resource, Object phase) {
        return await(resource, "to reach phase " + phase,
                r -> Objects.equals(String.valueOf(phase), String.valueOf(status(r).get("phase"))));
    }

    /** Waits until the object no longer exists. */
    public void awaitDeleted(HasMetadata resource) {
        Await.until(describe(resource) + " to be deleted", timeout, () -> get(resource) == null);
    }

    /**
     * Fails if the simulated cluster's invariant monitor saw any invariant broken since the start (see
     * {@link SimulatedCluster#invariantViolations()}).
     */
    public void assertInvariantsHeld() {
        List<String> violations = cluster.invariantViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("invariants broken:\n  " + String.join("\n  ", violations));
        }
    }

    /** Waits for any fact, e.g. {@code h.awaitThat("ZEO writes", () -> lineage().lastWriteId() > 3)}. */
    public void awaitThat(String description, java.util.function.BooleanSupplier probe) {
        Await.until(description, timeout, probe);
    }

    /** One condition of an object's status, as a map (type, status, reason, message...). */
    public static Optional<Map<String, Object>> condition(HasMetadata resource, String type) {
        Object conditions = status(resource).get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return Optional.empty();
        }
        return list.stream().filter(Map.class::isInstance).map(c -> asMap(c))
                .filter(c -> type.equals(c.get("type"))).findFirst();
    }

    /** An object's status as a map (empty if none). */
    public static Map<String, Object> status(HasMetadata resource) {
        Map<String, Object> all = asMap(Serialization.jsonMapper().convertValue(resource, Map.class));
        Object status = all.get("status");
        return status instanceof Map<?, ?> ? asMap(status) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    @Override
    public void close() {
        operator.close();
        cluster.close();
        server.close();
    }
}
