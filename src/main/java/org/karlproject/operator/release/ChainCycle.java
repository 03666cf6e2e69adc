package org.karlproject.operator.release;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.validation.BasedOnCycles;
import org.karlproject.operator.validation.Violation;

/**
 * Whether a release's {@code basedOn} chain, as the ReleaseIndexes of its namespace declare it, runs into a
 * cycle. Releases on a cycle are never accepted, so without this each would wait for the next as
 * {@code WaitingForParent}, forever. The rule is {@link BasedOnCycles}, the one the {@code validate} command
 * applies to documents.
 */
final class ChainCycle {

    private ChainCycle() {
    }

    /** The message naming the cycle that {@code name}'s chain lies on or leads into, if any. */
    static Optional<String> of(String name, List<ReleaseIndex> namespace) {
        List<BasedOnCycles.Release> releases = namespace.stream().map(BasedOnCycles.Release::of).toList();
        Map<Integer, Violation> cycles = BasedOnCycles.find(releases);
        if (cycles.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            byName.putIfAbsent(releases.get(i).name(), i);
        }
        Set<Integer> seen = new HashSet<>();
        Integer current = byName.get(name);
        while (current != null && seen.add(current)) {
            Violation onCycle = cycles.get(current);
            if (onCycle != null) {
                String message = onCycle.message();
                return Optional.of(releases.get(current).name().equals(name) ? message
                        : "the chain reaches ReleaseIndex " + releases.get(current).name() + ", whose " + message);
            }
            String basedOn = releases.get(current).basedOn();
            current = basedOn == null ? null : byName.get(basedOn);
        }
        return Optional.empty();
    }
}
