package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the API server does to a document before it validates it: drop {@code null} fields (it prunes
 * them) and fill in schema defaults of absent fields of objects that are present. The CEL and semantic
 * layers see the same defaulted object a reconciler would.
 */
final class Defaults {
    private Defaults() {
    }

    /** A deep copy of the document without null object fields. */
    static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    /** Sets schema defaults, in place, on every present object of the document. */
    static void apply(JsonNode schema, JsonNode document) {
        SchemaWalk.walk(schema, document, null, "", (nodeSchema, value, old, path) -> {
            JsonNode properties = nodeSchema.get("properties");
            if (!value.isObject() || properties == null) {
                return;
            }
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode fallback = properties.get(name).get("default");
                if (fallback != null && !value.has(name)) {
                    ((ObjectNode) value).set(name, fallback.deepCopy());
                }
            }
        });
    }
}
