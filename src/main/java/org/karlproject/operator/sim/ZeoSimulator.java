package org.karlproject.operator.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running ZEO servers: which volume each serves and whether it started read-only. Every tick, each
 * writable one writes to its volume (see {@link Lineage}); so does a read-only one that the sandbox knob
 * {@code write-after-final} lets a writer ignore.
 */
final class ZeoSimulator {
    private final SimContext sim;
    private final Map<String, ZeoServer> running = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
    /** PVC names (any namespace) a ZEO server cannot start on: its pod never becomes ready (a corrupt file). */
    private final java.util.Set<String> unstartable = ConcurrentHashMap.newKeySet();

    private final SandboxKnobs knobs;

    ZeoSimulator(SimContext sim, SandboxKnobs knobs) {
        this.sim = sim;
        this.knobs = knobs;
    }

    void start() {
        tick();
    }

    private void tick() {
        // a server of a database annotated write-after-final writes even read-only (a writer ignoring it)
        running.values().stream().filter(p -> !p.readOnly() || knobs.writesWhileReadOnly(p.workload()))
                .forEach(p -> sim.lineage.write(p.volume(), java.time.Instant.now()));
        ticks.incrementAndGet();
        sim.later(sim.settings.zeoWritesEvery, "zeo writes", this::tick);
    }

    void started(String workload, String volume, boolean readOnly) {
        running.put(workload, new ZeoServer(workload, volume, readOnly));
    }

    void stopped(String workload) {
        running.remove(workload);
    }

    void cannotStartOn(String pvc) {
        unstartable.add(pvc);
    }

    /** Whether a pod template is a ZEO server's that mounts a volume it cannot start on. */
    boolean cannotStart(io.fabric8.kubernetes.api.model.PodTemplateSpec template) {
        return !unstartable.isEmpty() && java.util.Optional.ofNullable(template.getSpec().getVolumes())
                .orElse(java.util.List.of()).stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .anyMatch(v -> unstartable.contains(v.getPersistentVolumeClaim().getClaimName()));
    }

    long ticks() {
        return ticks.get();
    }

    Map<String, ZeoServer> running() {
        return Map.copyOf(running);
    }
}
