package org.karlproject.operator.sim;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The contract between the EvolveRun reconciler and the simulated cluster's lineage model (and, for the
 * environment variable, the real evolve script):
 * <ul>
 *   <li>the evolve Job carries the label {@value #LABEL} (value: the EvolveRun's name);</li>
 *   <li>its first container has the env var {@value #TARGETS_ENV} with the target generation per evolve
 *       manager, {@code manager=generation} pairs joined by commas, e.g. {@code karl=29,osi=3};</li>
 *   <li>it mounts the restored copy as a PVC volume.</li>
 * </ul>
 * When such a Job succeeds, the simulated cluster raises the generations of every PVC it mounts to those
 * targets; every PVC it mounts is recorded as "mounted by an evolve Job", whatever the outcome.
 */
public final class EvolveJobContract {
    public static final String LABEL = "deploy.karlproject.org/evolve-run";
    public static final String TARGETS_ENV = "KARL_EVOLVE_TO";

    private EvolveJobContract() {
    }

    /** {@code {karl=29, osi=3}} to {@code karl=29,osi=3} (sorted by manager). */
    public static String formatTargets(Map<String, Long> targets) {
        return new TreeMap<>(targets).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The inverse of {@link #formatTargets}; blank gives an empty map. */
    public static Map<String, Long> parseTargets(String value) {
        Map<String, Long> targets = new TreeMap<>();
        if (value == null || value.isBlank()) {
            return targets;
        }
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(pair -> {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("not manager=generation: " + pair);
            }
            targets.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        });
        return targets;
    }

    /** An evolve Job: the run label, and not one of the run's check Jobs ({@link CheckJobContract}). */
    public static boolean isEvolveJob(JobRun run) {
        return run.labels().containsKey(LABEL) && !CheckJobContract.isCheckJob(run); // a check mounts read-only
    }
}
