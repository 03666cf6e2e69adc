package org.karlproject.operator.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** A stable digest of a spec: sha256 over its JSON with keys sorted, so equal specs always digest equal. */
public final class SpecDigest {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SpecDigest() {
    }

    public static String of(Object spec) {
        try {
            // Through a Map first, so that field order in the class cannot change the digest.
            Object tree = CANONICAL.convertValue(spec, Map.class);
            byte[] json = CANONICAL.writeValueAsBytes(tree);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest spec", e);
        }
    }

    /** The spec as canonical JSON text (what the accepted-release ConfigMap stores). */
    public static String canonicalJson(Object spec) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.convertValue(spec, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise spec", e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return CANONICAL.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
