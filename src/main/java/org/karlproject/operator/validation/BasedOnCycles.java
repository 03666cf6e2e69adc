package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.release.ReleaseIndex;

/**
 * The one rule across documents: ReleaseIndex {@code basedOn} chains must not loop (a -> b -> a) within a
 * namespace. A release naming itself is the CRD's CEL rule and is not repeated here. The {@code validate}
 * command applies it to the documents it is given; a reconciler can apply it to the informer cache.
 */
public final class BasedOnCycles {

    /** A ReleaseIndex as far as chains are concerned. */
    public record Release(String namespace, String name, String basedOn) {

        /** From a ReleaseIndex document; no namespace counts as the same (default) namespace. */
        public static Release of(JsonNode document) {
            JsonNode basedOn = document.path("spec").path("basedOn");
            return new Release(document.path("metadata").path("namespace").asText(""),
                    document.path("metadata").path("name").asText(), basedOn.isTextual() ? basedOn.asText() : null);
        }

        /** From a typed ReleaseIndex, e.g. from the informer cache. */
        public static Release of(ReleaseIndex release) {
            return new Release(release.getMetadata().getNamespace() == null ? "" : release.getMetadata().getNamespace(),
                    release.getMetadata().getName(), release.getSpec() == null ? null : release.getSpec().getBasedOn());
        }

        String key() {
            return namespace + "/" + name;
        }
    }

    private BasedOnCycles() {
    }

    /**
     * For every release that lies on a cycle, the violation to report on it, keyed by its position in
     * {@code releases} (ordered by position).
     */
    public static Map<Integer, Violation> find(List<Release> releases) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            byKey.putIfAbsent(releases.get(i).key(), i);
        }
        Map<Integer, Violation> found = new TreeMap<>();
        for (int start = 0; start < releases.size(); start++) {
            List<Integer> path = new ArrayList<>();
            Integer current = start;
            while (current != null && !path.contains(current)) {
                path.add(current);
                Release release = releases.get(current);
                current = release.basedOn() == null || release.basedOn().equals(release.name()) ? null
                        : byKey.get(release.namespace() + "/" + release.basedOn());
            }
            if (current != null && current == start) {
                found.put(start, new Violation("spec.basedOn", "basedOn chain loops: " + describe(releases, path)
                        + "; a chain must end at a ReleaseIndex without basedOn (e.g. the karl release)",
                        Violation.Layer.SEMANTIC));
            }
        }
        return found;
    }

    private static String describe(List<Release> releases, List<Integer> cycle) {
        StringBuilder text = new StringBuilder();
        for (int i : cycle) {
            text.append(releases.get(i).name()).append(" -> ");
        }
        return text.append(releases.get(cycle.get(0)).name()).toString();
    }
}
