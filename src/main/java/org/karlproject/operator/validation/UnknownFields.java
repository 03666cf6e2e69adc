package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Fields the schema does not name. The API server silently prunes them, so a typo such as
 * {@code spec.replica} would be lost without a word; here each one is a violation, with the closest
 * known field as a suggestion.
 */
final class UnknownFields {
    /** Fields every object has that the CRD schema leaves to the API server. */
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private UnknownFields() {
    }

    static List<Violation> check(JsonNode schema, JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        SchemaWalk.walk(schema, document, null, "", (nodeSchema, value, old, path) -> {
            if (!value.isObject() || !nodeSchema.has("properties") || SchemaWalk.keepsUnknownFields(nodeSchema)) {
                return;
            }
            JsonNode properties = nodeSchema.get("properties");
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!properties.has(name) && !(path.isEmpty() && ROOT_FIELDS.contains(name))) {
                    violations.add(new Violation(FieldPath.child(path, name),
                            "unknown field \"" + name + "\" (the API server would silently drop it)"
                                    + suggestion(name, properties), Violation.Layer.SCHEMA));
                }
            }
        });
        return violations;
    }

    private static String suggestion(String name, JsonNode properties) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            String known = it.next();
            int distance = distance(name.toLowerCase(), known.toLowerCase());
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
            return "; did you mean \"" + best + "\"?";
        }
        List<String> known = new ArrayList<>();
        properties.fieldNames().forEachRemaining(known::add);
        return "; known fields: " + String.join(", ", known);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
