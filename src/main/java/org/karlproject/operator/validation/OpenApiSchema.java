package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.OpenApi30;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CRD's {@code openAPIV3Schema} checked with the networknt validator (OpenAPI 3.0 dialect): types,
 * required fields, enums, patterns, bounds and lengths. Its errors become Kubernetes-style field paths
 * and messages that say what to write instead.
 *
 * <p>networknt 3 works on Jackson 3 trees; documents arrive as Jackson 2 trees and cross over as bytes.
 */
final class OpenApiSchema {
    private static final List<String> KUBERNETES_KEYWORDS = List.of(
            "x-kubernetes-validations", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
            "x-kubernetes-map-type");
    private static final Dialect DIALECT = kubernetesDialect();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(DIALECT);
    private static final JsonMapper JACKSON3 = JsonMapper.builder().build();
    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    private final JsonNode rootSchema;
    private final Schema schema;

    OpenApiSchema(JsonNode openApiV3Schema) {
        this.rootSchema = openApiV3Schema;
        this.schema = REGISTRY.getSchema(toJackson3(openApiV3Schema));
        this.schema.initializeValidators();
    }

    /**
     * The schema violations of a document.
     *
     * @param violations every violation, with its field path
     * @param typeErrors whether a value has the wrong type; the API server then skips the CEL rules (they
     *     would only fail on the wrong shape), and so does the validator
     */
    record Result(List<Violation> violations, boolean typeErrors) {
    }

    Result check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        boolean typeErrors = false;
        for (Error error : schema.validate(toJackson3(document))) {
            String path = path(error.getInstanceLocation());
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                path = FieldPath.child(path, error.getProperty());
            }
            typeErrors |= "type".equals(error.getKeyword());
            violations.add(new Violation(FieldPath.orRoot(path),
                    SchemaMessages.message(error, rootSchema, error.getInstanceLocation()), Violation.Layer.SCHEMA));
        }
        return new Result(violations, typeErrors);
    }

    static String path(NodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? FieldPath.index(path, index)
                    : FieldPath.child(path, String.valueOf(element));
        }
        return path;
    }

    private static Dialect kubernetesDialect() {
        Dialect.Builder builder = Dialect.builder(OpenApi30.getInstance());
        KUBERNETES_KEYWORDS.forEach(keyword -> builder.keyword(new NonValidationKeyword(keyword)));
        return builder.build();
    }

    private static tools.jackson.databind.JsonNode toJackson3(JsonNode node) {
        try {
            return JACKSON3.readTree(JACKSON2.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
