package org.karlproject.operator.evolve;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.EvolveStep;
import org.karlproject.operator.api.release.ReleaseIndexSpec;

/**
 * "Smarter evolve": which catalog indexes the evolve Job reindexes. The union of the {@code reindex} lists
 * of every evolve step, declared by any release (intermediate releases declare the steps between the
 * database's generation and the target), whose generation g satisfies {@code from < g <= to} for its
 * manager, across all managers of the target. Sorted and without duplicates. Pure.
 */
public final class ReindexPlan {

    private ReindexPlan() {
    }

    public static List<String> of(Map<String, Long> from, Map<String, Long> to, Collection<ReleaseIndexSpec> releases) {
        Set<String> indexes = new TreeSet<>();
        for (ReleaseIndexSpec release : releases) {
            for (EvolveManager manager : release.getEvolve()) {
                Long target = to.get(manager.getManager());
                if (target == null) {
                    continue;
                }
                long start = from.getOrDefault(manager.getManager(), 0L);
                for (EvolveStep step : manager.getSteps()) {
                    long g = step.getGeneration() == null ? -1 : step.getGeneration();
                    if (g > start && g <= target) {
                        step.getReindex().stream().filter(Objects::nonNull).map(String::trim)
                                .filter(s -> !s.isEmpty()).forEach(indexes::add);
                    }
                }
            }
        }
        return List.copyOf(indexes);
    }
}
