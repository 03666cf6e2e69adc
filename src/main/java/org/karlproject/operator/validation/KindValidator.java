package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.karlproject.operator.api.Api;

/** The three layers for one kind, built once from its CRD on the classpath. */
final class KindValidator {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile(Api.DNS_SUBDOMAIN_PATTERN);

    private final Kind kind;
    private final JsonNode schema;
    private final OpenApiSchema openApiSchema;
    private final CelRules celRules;
    private final SemanticRules semanticRules;

    KindValidator(Kind kind) {
        this.kind = kind;
        this.schema = loadSchema(kind);
        this.openApiSchema = new OpenApiSchema(schema);
        this.celRules = new CelRules(schema);
        this.semanticRules = kind.rules.get();
    }

    int celRuleCount() {
        return celRules.size();
    }

    List<Violation> validate(JsonNode document, JsonNode oldDocument) {
        JsonNode current = Defaults.withoutNulls(document);
        Defaults.apply(schema, current);
        JsonNode old = null;
        if (oldDocument != null) {
            old = Defaults.withoutNulls(oldDocument);
            Defaults.apply(schema, old);
        }
        // A set keeps the order of discovery and drops the same finding reported twice.
        List<Violation> nameViolations = metadata(current);
        LinkedHashSet<Violation> violations = new LinkedHashSet<>(nameViolations);
        if (!current.path("spec").isObject()) {
            // Every rule is about the spec: without one, that is the only thing to say.
            violations.add(new Violation("spec", "required: every " + kind.kindName() + " needs a spec"
                    + (current.has("spec") ? " object" : ""), Violation.Layer.SCHEMA));
            return new ArrayList<>(violations);
        }
        violations.addAll(UnknownFields.check(schema, current));
        OpenApiSchema.Result schemaResult = openApiSchema.check(current);
        violations.addAll(schemaResult.violations());
        if (!schemaResult.typeErrors()) {
            boolean badName = !nameViolations.isEmpty();
            // a name the API server refuses is not judged further: the root rules on metadata.name (its
            // length and DNS-label form) would only repeat that finding
            celRules.check(schema, current, old).stream()
                    .filter(v -> !(badName && v.message().startsWith("metadata.name")))
                    .forEach(violations::add);
        }
        violations.addAll(semanticRules.check(current));
        return new ArrayList<>(violations);
    }

    /** The API server checks metadata itself; the CRD schema does not describe it. */
    private List<Violation> metadata(JsonNode document) {
        JsonNode name = document.path("metadata").path("name");
        if (!name.isTextual() || name.asText().isEmpty()) {
            return List.of(new Violation("metadata.name", "required: every " + kind.kindName()
                    + " needs a metadata.name", Violation.Layer.SCHEMA));
        }
        if (name.asText().length() > 253 || !NAME.matcher(name.asText()).matches()) {
            return List.of(new Violation("metadata.name", "\"" + name.asText() + "\" is not a valid name: use"
                    + " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
                    Violation.Layer.SCHEMA));
        }
        return List.of();
    }

    private static JsonNode loadSchema(Kind kind) {
        String resource = kind.crdResource();
        try (InputStream in = KindValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("CRD " + resource + " is not on the classpath");
            }
            JsonNode schema = YAML.readTree(in).at("/spec/versions/0/schema/openAPIV3Schema");
            if (!schema.isObject()) {
                throw new IllegalStateException("CRD " + resource + " has no openAPIV3Schema");
            }
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD " + resource, e);
        }
    }
}
