package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of the simulated cluster share: their client, the one scheduler thread on which all of
 * them run (so none needs locks), the lineage and the knobs.
 */
final class SimContext {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);

    final KubernetesClient client;
    final ScheduledExecutorService scheduler;
    final Lineage lineage;
    final SimSettings settings;

    SimContext(KubernetesClient client, ScheduledExecutorService scheduler, Lineage lineage, SimSettings settings) {
        this.client = client;
        this.scheduler = scheduler;
        this.lineage = lineage;
        this.settings = settings;
    }

    /** Runs a task on the scheduler thread; a failure is logged, never lost silently, never fatal. */
    void run(String what, Runnable task) {
        if (!scheduler.isShutdown()) {
            scheduler.execute(guarded(what, task));
        }
    }

    void later(Duration delay, String what, Runnable task) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(guarded(what, task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Writes a status, retrying a failed write (a conflict, an injected fault) up to 10 times with a growing
     * pause; a 404 (the object is gone) ends it. Never throws, so the caller's bookkeeping goes on.
     */
    void writeStatus(String what, Runnable write) {
        writeStatus(what, write, 1);
    }

    private void writeStatus(String what, Runnable write, int attempt) {
        try {
            write.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || attempt >= 10) {
                LOG.debug("simulated cluster: gave up writing {} after {} attempts ({})", what, attempt, e.getCode());
                return;
            }
            later(Duration.ofMillis(50L * attempt), what + " (retry)", () -> writeStatus(what, write, attempt + 1));
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (KubernetesClientException e) {
                LOG.debug("simulated cluster: {} failed with {} ({})", what, e.getCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("simulated cluster: {} failed", what, e);
            }
        };
    }

    /** An informer handler that hands every add and update (and, optionally, delete) to the scheduler. */
    <T extends HasMetadata> ResourceEventHandler<T> handler(String what, Consumer<T> onChange, Consumer<T> onDelete) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                run(what + " " + key(obj), () -> onChange.accept(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                run(what + " " + key(newObj), () -> onChange.accept(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                run("deleted " + what + " " + key(obj), () -> onDelete.accept(obj));
            }
        };
    }

    static String key(HasMetadata obj) {
        return Lineage.key(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(now());
    }
}
