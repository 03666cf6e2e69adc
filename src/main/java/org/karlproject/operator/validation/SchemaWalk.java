package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Walks a document and its structural schema together, the way the API server does: object fields by
 * {@code properties} (or {@code additionalProperties}), list items by {@code items}. Defaulting, the
 * unknown-field check and the CEL rules all visit the same locations through it.
 */
final class SchemaWalk {

    /** Called for every value that has a schema, before its children are visited. */
    interface Visitor {
        /**
         * @param schema the schema at this location
         * @param value the value here (never null or missing)
         * @param old the value at the same location in the old object, or null
         * @param path the Kubernetes-style field path ({@code ""} for the root)
         */
        void visit(JsonNode schema, JsonNode value, JsonNode old, String path);
    }

    private SchemaWalk() {
    }

    static void walk(JsonNode schema, JsonNode value, JsonNode old, String path, Visitor visitor) {
        if (schema == null || value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        visitor.visit(schema, value, old, path);
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode childSchema = childSchema(schema, field.getKey());
                JsonNode oldChild = old != null && old.isObject() ? old.get(field.getKey()) : null;
                walk(childSchema, field.getValue(), oldChild, FieldPath.child(path, field.getKey()), visitor);
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                // Kubernetes correlates old list items only for map-type lists; these CRDs have none.
                walk(schema.get("items"), value.get(i), null, FieldPath.index(path, i), visitor);
            }
        }
    }

    /** The schema of an object's field, or null when the schema does not describe it. */
    static JsonNode childSchema(JsonNode schema, String key) {
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.has(key)) {
            return properties.get(key);
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    /** Whether an object with this schema keeps fields its schema does not name. */
    static boolean keepsUnknownFields(JsonNode schema) {
        return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || schema.has("additionalProperties");
    }
}
