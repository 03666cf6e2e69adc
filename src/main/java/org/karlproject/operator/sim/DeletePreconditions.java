package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The preconditions of a DELETE ({@code DeleteOptions.preconditions.resourceVersion} / {@code uid}), which a
 * real API server checks (409 Conflict when the stored object differs) and the mock server ignores: without
 * them, a delete meant for the object a reconcile saw would remove a same-named object made since.
 */
final class DeletePreconditions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeletePreconditions() {
    }

    /**
     * Why the delete must be refused, if it must: {@code body} is the request's DeleteOptions, {@code stored}
     * reads the object now stored at the path (null when there is none; the delete then answers 404 itself).
     */
    static Optional<String> violated(byte[] body, Function<String, String> stored, String path) {
        JsonNode preconditions = parse(body).path("preconditions");
        if (!preconditions.isObject()) {
            return Optional.empty();
        }
        String current = stored.apply(path);
        if (current == null) {
            return Optional.empty();
        }
        JsonNode metadata = parse(current.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("metadata");
        for (String field : new String[] {"resourceVersion", "uid"}) {
            String wanted = preconditions.path(field).asText(null);
            if (wanted != null && !wanted.equals(metadata.path(field).asText(null))) {
                return Optional.of("Precondition failed: " + field + " in precondition: " + wanted + ", "
                        + field + " in object meta: " + metadata.path(field).asText(""));
            }
        }
        return Optional.empty();
    }

    /** {@code body} as JSON; an empty object when it is empty or not JSON. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }
}
