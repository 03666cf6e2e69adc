package org.karlproject.operator.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whether a live object still holds what the operator wrote: every field {@code wanted} sets has the same
 * value in {@code live}. Fields {@code wanted} leaves out are not compared (the API server defaults them,
 * e.g. a Deployment's strategy parameters or a container's terminationMessagePath); lists must have the
 * same length and match element by element (a container added by hand is a difference); numbers and
 * quantities compare by value ({@code 1} and {@code 1L}, {@code 0.5} and {@code 500m}); an empty list, map
 * or string matches a missing field (the server drops them). Pure.
 */
public final class LiveFields {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private LiveFields() {
    }

    /** Whether {@code live} holds every field of {@code wanted} with the same value. */
    public static boolean hold(Object live, Object wanted) {
        return covers(tree(live), tree(wanted));
    }

    /**
     * Whether {@code change}, applied to a copy of {@code live}, leaves every field it sets as {@code live}
     * has it: {@code hold(live, changed copy)}, with the live object turned into a tree once (the copy is
     * read from that tree) instead of a JSON string written and parsed for the copy and a tree for the
     * comparison. A new process checks every child once this way; it was the largest single cost of a cold
     * start.
     */
    @SuppressWarnings("unchecked")
    public static <T> boolean unchangedBy(T live, Consumer<T> change) {
        JsonNode tree = tree(live);
        T copy = SERIALIZATION.convertValue(tree, (Class<T>) live.getClass());
        change.accept(copy);
        return covers(tree, tree(copy));
    }

    private static JsonNode tree(Object value) {
        return SERIALIZATION.convertValue(value, JsonNode.class);
    }

    private static boolean covers(JsonNode live, JsonNode wanted) {
        if (wanted == null || wanted.isNull() || empty(wanted)) {
            return live == null || live.isNull() || empty(live) || wanted != null && wanted.equals(live);
        }
        if (live == null || live.isNull()) {
            return false;
        }
        if (wanted.isObject()) {
            if (!live.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!covers(live.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!live.isArray() || live.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!covers(live.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isNumber() && live.isNumber()) {
            return wanted.decimalValue().compareTo(live.decimalValue()) == 0;
        }
        return wanted.equals(live) || sameQuantity(live, wanted);
    }

    private static boolean empty(JsonNode node) {
        return node.isContainerNode() && node.isEmpty() || node.isTextual() && node.asText().isEmpty();
    }

    private static boolean sameQuantity(JsonNode live, JsonNode wanted) {
        if (!live.isValueNode() || !wanted.isValueNode()) {
            return false;
        }
        try {
            return new Quantity(live.asText()).getNumericalAmount()
                    .compareTo(new Quantity(wanted.asText()).getNumericalAmount()) == 0;
        } catch (RuntimeException notAQuantity) {
            return false;
        }
    }
}
