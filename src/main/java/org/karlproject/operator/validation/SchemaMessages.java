package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;

/** Turns a networknt schema error into a message that says what to write instead. */
final class SchemaMessages {
    private static final int MAX_DESCRIPTION = 240;

    private SchemaMessages() {
    }

    static String message(Error error, JsonNode rootSchema, NodePath location) {
        JsonNode[] found = schemaAt(rootSchema, location);
        JsonNode schema = found[0];
        if (schema == null) {
            return error.getMessage();
        }
        String description = found[1] == null ? "" : found[1].asText();
        tools.jackson.databind.JsonNode instance = error.getInstanceNode();
        String value = instance == null ? "" : shorten(instance.toString());
        String got = value.isEmpty() ? "" : "; got " + value;
        switch (error.getKeyword() == null ? "" : error.getKeyword()) {
            case "required": {
                JsonNode property = SchemaWalk.childSchema(schema, error.getProperty());
                String what = property == null ? "" : explain(property.path("description").asText());
                return "required field \"" + error.getProperty() + "\" is missing" + what;
            }
            case "type": {
                String expected = schema.path("x-kubernetes-int-or-string").asBoolean(false) ? "integer or a string"
                        : schema.path("type").asText("?");
                String hint = "string".equals(expected) && instance != null && instance.isNumber()
                        ? " (quote it in YAML)" : "";
                return "must be " + article(expected) + " " + expected + hint + got;
            }
            case "enum":
                return "must be exactly one of " + join(schema.get("enum")) + " (case-sensitive)" + got;
            case "pattern":
                return "invalid value " + value + ": "
                        + (description.isEmpty() ? "must match " + schema.path("pattern").asText() : shorten(description));
            case "minimum":
                return "must be at least " + number(schema.path("minimum")) + got + explain(description);
            case "maximum":
                return "must be at most " + number(schema.path("maximum")) + got + explain(description);
            case "minLength":
                return "must be at least " + schema.path("minLength").asText() + " characters long" + got;
            case "maxLength":
                return "must be at most " + schema.path("maxLength").asText() + " characters long";
            case "minItems":
                return "must list at least " + schema.path("minItems").asText() + " item(s)" + explain(description);
            case "maxItems":
                return "must list at most " + schema.path("maxItems").asText() + " items";
            default:
                return error.getMessage();
        }
    }

    /**
     * The schema at an instance location and the nearest description on the way (an item of a list
     * takes the list's description).
     */
    private static JsonNode[] schemaAt(JsonNode rootSchema, NodePath location) {
        JsonNode schema = rootSchema;
        JsonNode description = null;
        for (int i = 0; i < location.getNameCount() && schema != null; i++) {
            Object element = location.getElement(i);
            schema = element instanceof Integer ? schema.get("items")
                    : SchemaWalk.childSchema(schema, String.valueOf(element));
            if (schema != null && schema.has("description")) {
                description = schema.get("description");
            } else if (!(element instanceof Integer)) {
                description = null;
            }
        }
        return new JsonNode[] {schema, description};
    }

    private static String explain(String description) {
        return description.isEmpty() ? "" : " (" + shorten(description) + ")";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3) + "...";
    }

    private static String article(String type) {
        return type.matches("^[aeiou].*") ? "an" : "a";
    }

    private static String number(JsonNode value) {
        return value.canConvertToExactIntegral() ? String.valueOf(value.asLong()) : value.asText();
    }

    private static String join(JsonNode values) {
        List<String> names = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> names.add(v.asText()));
        }
        return String.join(", ", names);
    }
}
