package org.karlproject.operator.evolve;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Evolve generations per manager: comparing and writing them. */
public final class Generations {

    private Generations() {
    }

    /** Whether the database is behind the target for at least one of the target's managers. */
    public static boolean behind(Map<String, Long> database, Map<String, Long> target) {
        return target.entrySet().stream().anyMatch(e -> database.getOrDefault(e.getKey(), 0L) < e.getValue());
    }

    /** {@code karl=29,acme=5}, sorted by manager: the evolve Job's environment format. */
    public static String format(Map<String, Long> generations) {
        return new TreeMap<>(generations).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** {@code karl=29 acme=5}, for kubectl get; "none" when empty. */
    public static String text(Map<String, Long> generations) {
        return generations.isEmpty() ? "none" : format(generations).replace(',', ' ');
    }
}
