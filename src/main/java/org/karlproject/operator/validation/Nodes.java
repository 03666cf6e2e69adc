package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small null-safe readers over a document tree for the semantic rules. */
final class Nodes {
    private Nodes() {
    }

    /** The text at a JSON pointer, when it is a string. */
    static Optional<String> text(JsonNode document, String pointer) {
        JsonNode node = document.at(pointer);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The items of the list at a JSON pointer; empty when absent or not a list. */
    static List<JsonNode> items(JsonNode document, String pointer) {
        JsonNode node = document.at(pointer);
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }
}
