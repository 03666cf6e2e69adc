package org.karlproject.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.karlproject.operator.api.site.KarlSite;

/**
 * Watches the fleet's KarlSites (one informer, as a dashboard would) and tells when enough of them satisfy a
 * predicate, without polling the API server.
 */
final class SiteWatch implements AutoCloseable {
    private final Map<String, KarlSite> sites = new ConcurrentHashMap<>();
    private final SharedIndexInformer<KarlSite> informer;

    SiteWatch(KubernetesClient client) {
        informer = client.resources(KarlSite.class).inNamespace(Fleet.NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(KarlSite site) {
                changed(site);
            }

            @Override
            public void onUpdate(KarlSite before, KarlSite site) {
                changed(site);
            }

            @Override
            public void onDelete(KarlSite site, boolean unknown) {
                sites.remove(site.getMetadata().getName());
            }
        });
    }

    private synchronized void changed(KarlSite site) {
        sites.put(site.getMetadata().getName(), site);
        notifyAll();
    }

    synchronized long count(Predicate<KarlSite> predicate) {
        return sites.values().stream().filter(predicate).count();
    }

    /** The sites as the watch last saw them. */
    synchronized List<KarlSite> all() {
        return List.copyOf(sites.values());
    }

    /** Waits until {@code n} sites satisfy the predicate; returns the nanoTime when they did. */
    synchronized long await(int n, Predicate<KarlSite> predicate, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(predicate) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + n + " sites " + what
                        + "; " + count(predicate) + " are");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return System.nanoTime();
    }

    @Override
    public void close() {
        informer.close();
    }
}
