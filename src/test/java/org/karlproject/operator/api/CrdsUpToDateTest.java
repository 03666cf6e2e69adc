package org.karlproject.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;

/**
 * The committed CRDs under {@code crds/} are what the build generates from the API classes, with two
 * deliberate changes: the Fabric8 generator sorts printer columns by JSON path, and kubectl shows them in
 * CRD order, so the committed files list them in the order the classes declare them; and it writes no
 * integer formats, while kstatus readers expect {@code observedGeneration} as {@code int64}.
 *
 * <p>To refresh {@code crds/} (and the Helm chart's copies) after changing an API class:
 * {@code mvn -B test -Dtest=CrdsUpToDateTest -Dkarl.crds.update=true}.
 */
class CrdsUpToDateTest {

    static final Path GENERATED = Path.of("target", "generated-crds");
    static final Path COMMITTED = Path.of("crds");
    /** The Helm chart's copies, kept identical by ChartCrdsTest; refreshed together with crds/. */
    static final Path CHART_COPIES = Path.of("helm", "karl-operator", "crds");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    static Stream<Class<? extends CustomResource<?, ?>>> kinds() {
        return Stream.of(ReleaseIndex.class, ZeoDatabase.class, KarlSite.class, EvolveRun.class, ReleaseTrain.class);
    }

    static String fileName(Class<? extends CustomResource<?, ?>> kind) {
        return CustomResource.getCRDName(kind) + "-v1.yml";
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void committedCrdIsWhatTheClassesGenerate(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        String file = fileName(kind);
        JsonNode expected = YAML.readTree(GENERATED.resolve(file).toFile());
        orderPrinterColumnsAsDeclared((ObjectNode) expected, kind);
        markObservedGenerationsInt64(expected.at("/spec/versions/0/schema/openAPIV3Schema"));
        Path committed = COMMITTED.resolve(file);
        if (Boolean.getBoolean("karl.crds.update")) {
            String text = "# Generated from " + kind.getName()
                    + "; do not edit. Refresh: mvn -B test -Dtest=CrdsUpToDateTest -Dkarl.crds.update=true\n"
                    + YAML.writeValueAsString(expected);
            for (Path dir : List.of(COMMITTED, CHART_COPIES)) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(file), text);
            }
        }
        assertTrue(Files.exists(committed), committed + " is missing; refresh it with -Dkarl.crds.update=true");
        assertEquals(expected, YAML.readTree(committed.toFile()), committed
                + " differs from what the API classes generate; refresh it with "
                + "mvn -B test -Dtest=CrdsUpToDateTest -Dkarl.crds.update=true and commit it");
    }

    @Test
    void crdsDirectoryHoldsExactlyTheFiveKinds() throws IOException {
        try (Stream<Path> files = Files.list(COMMITTED)) {
            assertEquals(kinds().map(CrdsUpToDateTest::fileName).sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindIsNamespacedInTheKarlCategoryWithStatusAndShortName(Class<? extends CustomResource<?, ?>> kind)
            throws IOException {
        JsonNode crd = YAML.readTree(COMMITTED.resolve(fileName(kind)).toFile());
        assertEquals("Namespaced", crd.at("/spec/scope").asText());
        assertEquals(Api.CATEGORY, crd.at("/spec/names/categories/0").asText());
        assertTrue(crd.at("/spec/names/shortNames/0").isTextual());
        JsonNode version = crd.at("/spec/versions/0");
        assertEquals(Api.VERSION, version.get("name").asText());
        assertTrue(version.at("/subresources/status").isObject(), "status subresource");
        JsonNode status = version.at("/schema/openAPIV3Schema/properties/status/properties");
        assertEquals("int64", status.at("/observedGeneration/format").asText());
        assertEquals("array", status.at("/conditions/type").asText());
        assertEquals("int64", status.at("/conditions/items/properties/observedGeneration/format").asText());
        assertEquals("Age", version.at("/additionalPrinterColumns").get(
                version.at("/additionalPrinterColumns").size() - 1).get("name").asText());
    }

    static void markObservedGenerationsInt64(JsonNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            properties.fields().forEachRemaining(field -> {
                if (field.getKey().equals("observedGeneration") && field.getValue().path("type").asText().equals("integer")) {
                    ((ObjectNode) field.getValue()).put("format", "int64");
                }
                markObservedGenerationsInt64(field.getValue());
            });
        }
        if (schema.has("items")) {
            markObservedGenerationsInt64(schema.get("items"));
        }
    }

    static void orderPrinterColumnsAsDeclared(ObjectNode crd, Class<?> kind) {
        ArrayNode columns = (ArrayNode) crd.at("/spec/versions/0/additionalPrinterColumns");
        List<JsonNode> ordered = new ArrayList<>();
        for (AdditionalPrinterColumn declared : kind.getAnnotationsByType(AdditionalPrinterColumn.class)) {
            for (JsonNode column : columns) {
                if (column.get("name").asText().equals(declared.name())) {
                    ordered.add(column);
                }
            }
        }
        assertEquals(columns.size(), ordered.size(), "every generated printer column is declared on " + kind);
        columns.removeAll();
        columns.addAll(ordered);
    }
}
