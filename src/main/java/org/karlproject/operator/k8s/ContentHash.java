package org.karlproject.operator.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The hash of an object's content, the same in every process: maps are written with their keys sorted.
 * Plain JSON is not enough: {@code Map.of} iterates in an order salted per JVM, so a hash of its JSON
 * changes when the operator restarts, and every child carrying such a hash would be patched again.
 */
public final class ContentHash {
    /** The client's own serialisation (what is sent), re-read as a tree and written with sorted keys. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper SORTED = new ObjectMapper().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    private ContentHash() {
    }

    /** 16 hex digits of the sha256 of the canonical JSON of {@code content}. */
    public static String of(Object content) {
        return Names.hash(canonicalJson(content)).substring(0, 16);
    }

    public static String canonicalJson(Object content) {
        try {
            // the tree straight from the client's serialiser: the same tree as parsing its JSON, without the
            // string written and parsed in between (children are hashed on every reconcile)
            return SORTED.writeValueAsString(SERIALIZATION.convertValue(content, JsonNode.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + content.getClass().getName(), e);
        }
    }
}
