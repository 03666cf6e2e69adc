package org.karlproject.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;

/**
 * A release train's meters, from the status the train's reconciler writes (see {@link DomainMetrics}):
 * <ul>
 *   <li>{@code karl_train_sites} (namespace, train, state): how many of the train's sites are in each state</li>
 *   <li>{@code karl_train_duration_seconds} (namespace, train): from the first site started to the end, recorded
 *       once when the train finishes</li>
 *   <li>{@code karl_train_halts_total} (namespace, train): each time the failure budget halts the train</li>
 * </ul>
 */
final class TrainMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> sites = new ConcurrentHashMap<>();

    TrainMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(HasMetadata train, ReleaseTrainStatus before, ReleaseTrainStatus after) {
        String ns = train.getMetadata().getNamespace();
        String name = train.getMetadata().getName();
        for (SiteState state : SiteState.values()) {
            sites.computeIfAbsent(ns + "/" + name + "/" + state, key -> gauge(ns, name, state))
                    .set(after.getCounts().getOrDefault(state, 0));
        }
        TrainPhase phaseBefore = before == null ? null : before.getPhase();
        if (after.getPhase() == TrainPhase.Halted && phaseBefore != TrainPhase.Halted) {
            registry.counter("karl_train_halts_total", "namespace", ns, "train", name).increment();
        }
        String finishedBefore = before == null ? null : before.getFinishedAt();
        if (after.getFinishedAt() != null && finishedBefore == null && after.getStartedAt() != null) {
            Duration took = Duration.between(Instant.parse(after.getStartedAt()), Instant.parse(after.getFinishedAt()));
            Timer.builder("karl_train_duration_seconds").tags("namespace", ns, "train", name)
                    .description("From a train's first started site to its end").register(registry).record(took);
        }
    }

    private AtomicInteger gauge(String ns, String train, SiteState state) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder("karl_train_sites", value, AtomicInteger::get).tags("namespace", ns, "train", train, "state",
                state.name()).description("A release train's sites in each state").register(registry);
        return value;
    }
}
