package org.karlproject.operator.site;

import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.site.rollout.Selectors;

/**
 * Invariant 1, watched on the simulated cluster all the time: records every moment in which a writable ZEO
 * of the database serves data of other generations than the release the site's stable Service selects
 * expects, or in which a release's pods run scaled up against such data.
 */
final class CodeAndData implements AutoCloseable {
    private final SimHarness h;
    private final String site;
    private final String database;
    private final Map<String, Map<String, Long>> expects;
    private final Map<String, Long> initial;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean watching = true;
    private final Thread watcher;

    /**
     * @param expects the generations each release expects
     * @param initial the generations of data no evolve Job touched (KARL initialised it at its release's)
     */
    CodeAndData(SimHarness h, String site, String database, Map<String, Map<String, Long>> expects,
            Map<String, Long> initial) {
        this.h = h;
        this.site = site;
        this.database = database;
        this.expects = expects;
        this.initial = initial;
        watcher = new Thread(this::watch, "invariant-1");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Every violation seen so far, each once in a row. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    private void watch() {
        while (watching) {
            try {
                check().ifPresent(v -> {
                    if (violations.isEmpty() || !violations.get(violations.size() - 1).equals(v)) {
                        violations.add(v);
                    }
                });
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // an object read while it changes, or the server shutting down: look again
            }
        }
    }

    /** A violation right now, if any. */
    private Optional<String> check() {
        Optional<Map<String, Long>> writable = h.cluster().writableGenerations(NS, database, initial);
        if (writable.isEmpty()) {
            return Optional.empty();
        }
        String served = h.client().services().inNamespace(NS).withName(SiteNames.stableService(site)).get()
                .getSpec().getSelector().get(Selectors.REVISION);
        for (Deployment d : h.client().apps().deployments().inNamespace(NS).withLabel(Labels.SITE, site).list()
                .getItems()) {
            Map<String, String> labels = d.getMetadata().getLabels();
            if (!labels.containsKey(Selectors.REVISION)) {
                continue;
            }
            String release = labels.get(Labels.RELEASE);
            boolean selected = labels.get(Selectors.REVISION).equals(served);
            boolean up = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1) > 0;
            if ((selected || up) && !writable.get().equals(expects.get(release))) {
                return Optional.of((selected ? "the stable Service selects " : "pods of ") + release + " (expects "
                        + expects.get(release) + ") while a writable ZEO serves data at " + writable.get());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        watcher.join();
    }
}
