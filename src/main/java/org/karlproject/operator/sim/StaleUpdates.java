package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;

/**
 * Optimistic locking of a PUT, which a real API server applies to the object and to its {@code /status}
 * alike (409 Conflict when the body's {@code metadata.resourceVersion} is not the stored one) and the mock
 * server applies to the object only: a status PUT from a stale copy was accepted, merged into whatever was
 * stored since, and its watch event made the change of the other writer look like the operator's own (JOSDK
 * drops an event older than its own write), so the reconcile that change needed never ran.
 */
final class StaleUpdates {
    private StaleUpdates() {
    }

    /**
     * Why the PUT to {@code path} must be refused, if it must: {@code body} is the object sent, {@code stored}
     * reads the object now stored at a path (null when there is none: the PUT then answers 404 itself),
     * {@code resource} names the resource in the message. A body without a resourceVersion is an
     * unconditional update, as on a real server.
     */
    static Optional<String> violated(byte[] body, Function<String, String> stored, String path, String resource) {
        String wanted = DeletePreconditions.parse(body).path("metadata").path("resourceVersion").asText("");
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String objectPath = path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
        String current = stored.apply(objectPath);
        if (current == null) {
            return Optional.empty();
        }
        JsonNode metadata = DeletePreconditions.parse(current.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("metadata");
        if (wanted.equals(metadata.path("resourceVersion").asText(""))) {
            return Optional.empty();
        }
        return Optional.of("Operation cannot be fulfilled on " + resource + " \"" + metadata.path("name").asText("") + "\": the object has been"
                + " modified; please apply your changes to the latest version and try again");
    }
}
