package org.karlproject.operator.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/** Sample resources as the operator writes them: conditions from {@link Conditions}, the one condition owner. */
final class Samples {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private Samples() {
    }

    /** A resource of {@code kind} at {@code generation}, with no status yet. */
    static ObjectNode fresh(String kind, long generation) {
        ObjectNode obj = JSON.createObjectNode();
        obj.put("apiVersion", Api.API_VERSION).put("kind", kind);
        obj.putObject("metadata").put("name", "acme").put("namespace", "acme").put("generation", generation);
        return obj;
    }

    /** A resource whose status records {@code health} for {@code observedGeneration}, with {@code phase} if not null. */
    static ObjectNode withStatus(String kind, long generation, long observedGeneration, Health health, String phase) {
        ObjectNode obj = fresh(kind, generation);
        ObjectNode status = obj.putObject("status");
        status.put("observedGeneration", observedGeneration);
        if (phase != null) {
            status.put("phase", phase);
        }
        status.set("conditions", JSON.valueToTree(Conditions.of(health, List.of(), observedGeneration, CLOCK)));
        return obj;
    }

    static ObjectNode withStatus(String kind, Health health, String phase) {
        return withStatus(kind, 3, 3, health, phase);
    }

    static JsonNode deleting(JsonNode obj) {
        ObjectNode copy = obj.deepCopy();
        ((ObjectNode) copy.get("metadata")).put("deletionTimestamp", "2026-11-29T10:05:00Z");
        return copy;
    }
}
