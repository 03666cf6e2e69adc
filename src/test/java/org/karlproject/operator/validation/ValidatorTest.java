package org.karlproject.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

class ValidatorTest {
    static final Path VALID = Path.of("src", "test", "resources", "valid");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    final Validator validator = Validator.shared();

    static List<JsonNode> documents(String file) throws IOException {
        return YAML.readValues(YAML.getFactory().createParser(VALID.resolve(file).toFile()), JsonNode.class).readAll();
    }

    static <T> T typed(String file, int index, Class<T> type) throws IOException {
        return SERIALIZATION.convertValue(documents(file).get(index), type);
    }

    static Set<String> paths(List<Violation> violations) {
        return violations.stream().map(Violation::path).collect(Collectors.toSet());
    }

    @Test
    void isSharedAndCompilesEveryCelRuleOfTheCrds() throws IOException {
        assertSame(validator, Validator.shared());
        long rulesInCrds = 0;
        try (var crds = Files.list(Path.of("crds"))) {
            for (Path crd : crds.toList()) {
                rulesInCrds += Files.readAllLines(crd).stream().filter(l -> l.trim().startsWith("rule:")).count();
            }
        }
        assertEquals(rulesInCrds, validator.celRuleCount());
    }

    @Test
    void typedResourcesConvertAndPass() throws IOException {
        assertEquals(List.of(), validator.validate(typed("sites.yaml", 1, KarlSite.class)));
        assertEquals(List.of(), validator.validate(typed("releases.yaml", 1, ReleaseIndex.class)));
        assertEquals(List.of(), validator.validate(typed("evolve-run.yaml", 0, EvolveRun.class)));
    }

    @Test
    void typedResourceWithAProblemNamesTheField() throws IOException {
        KarlSite site = typed("sites.yaml", 1, KarlSite.class);
        site.getSpec().setReplicas(-1);
        site.getSpec().setHostnames(List.of("karl.acme.example", "karl.acme.example"));

        List<Violation> violations = validator.validate(site);

        assertEquals(Set.of("spec.replicas", "spec.hostnames[1]"), paths(violations));
    }

    @Test
    void returnsEveryViolationAtOnceFromEveryLayer() throws IOException {
        ObjectNode release = (ObjectNode) documents("releases.yaml").get(0);
        ObjectNode spec = (ObjectNode) release.get("spec");
        spec.put("image", "registry.example.org/karl/karl:3.30");            // schema
        spec.put("basedOn", "karl-3-30");                                    // CEL
        ((ObjectNode) spec.get("packages").get(1)).put("name", "Karl");      // semantic (PEP 503)
        spec.put("pakages", "typo");                                         // unknown field

        List<Violation> violations = validator.validate(release);

        assertEquals(Set.of("spec.image", "spec.basedOn", "spec.packages[1].name", "spec.pakages"), paths(violations));
        assertEquals(Set.of(Violation.Layer.SCHEMA, Violation.Layer.CEL, Violation.Layer.SEMANTIC),
                violations.stream().map(Violation::layer).collect(Collectors.toSet()));
        assertTrue(violations.stream().anyMatch(v -> v.message().contains("spec.packages[0].name \"karl\"")),
                violations.toString());
    }

    /** Names that become Service names and label values: a real API server would reject every child. */
    @Test
    void namesThatCannotNameAServiceOrBeALabelValueAreRejected() throws IOException {
        String seventy = "acme-" + "s".repeat(65);
        for (String[] kindAndFile : new String[][] {{"sites.yaml", "1"}, {"databases.yaml", "0"}, {"releases.yaml", "1"}}) {
            JsonNode document = documents(kindAndFile[0]).get(Integer.parseInt(kindAndFile[1])).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) document.path("metadata")).put("name", seventy);
            assertTrue(validator.validate(document).stream().anyMatch(v -> v.message().contains("metadata.name")
                    && v.message().contains("63")), kindAndFile[0] + ": " + validator.validate(document));
            ((com.fasterxml.jackson.databind.node.ObjectNode) document.path("metadata")).put("name", "a".repeat(63));
            assertEquals(List.of(), validator.validate(document).stream().filter(v -> v.message()
                    .contains("metadata.name")).toList(), "63 characters are fine");
        }
        for (String file : List.of("sites.yaml", "databases.yaml")) {
            for (String name : List.of("acme.prod", "2025-acme")) {
                JsonNode document = documents(file).get(file.equals("sites.yaml") ? 1 : 0).deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) document.path("metadata")).put("name", name);
                assertTrue(validator.validate(document).stream().anyMatch(v -> v.message().contains("DNS label")),
                        file + " " + name + ": " + validator.validate(document));
            }
        }
    }

    @Test
    void transitionRulesRunOnlyWithAnOldObject() throws IOException {
        JsonNode old = documents("releases.yaml").get(0);
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("spec")).put("changelog", "rewritten history");

        assertEquals(List.of(), validator.validate(changed));
        assertEquals(List.of(), validator.validate(old, old.deepCopy()));
        List<Violation> violations = validator.validate(changed, old);
        assertEquals(Set.of("spec"), paths(violations));
        assertTrue(violations.get(0).message().contains("immutable"), violations.toString());

        EvolveRun run = typed("evolve-run.yaml", 0, EvolveRun.class);
        EvolveRun rerun = typed("evolve-run.yaml", 0, EvolveRun.class);
        rerun.getSpec().setRelease("acme-3-31");
        assertEquals(Set.of("spec"), paths(validator.validate(rerun, run)));
    }

    @Test
    void checksTheDefaultedObjectAsTheApiServerWould() throws IOException {
        ObjectNode site = (ObjectNode) documents("sites.yaml").get(0);
        // An empty digest worker gets the default schedule, which is valid; nulls are pruned, not type errors.
        ((ObjectNode) site.get("spec")).putObject("workers").putObject("digest");
        ((ObjectNode) site.get("spec")).putNull("mode");

        assertEquals(List.of(), validator.validate(site));
    }

    @Test
    void aValueOfTheWrongTypeSkipsTheCelRulesAsTheApiServerDoes() throws IOException {
        ObjectNode site = (ObjectNode) documents("sites.yaml").get(1);
        ((ObjectNode) site.get("spec")).put("promotion", "acme-staging");

        List<Violation> violations = validator.validate(site);

        assertEquals(Set.of("spec.promotion"), paths(violations));
        assertTrue(violations.get(0).message().startsWith("must be an object"), violations.toString());
    }

    @Test
    void otherApiVersionsAndKindsAreNamed() {
        ObjectNode document = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        assertEquals(Set.of("apiVersion"), paths(validator.validate(document)));
        assertTrue(Validator.isKarlResource(document.put("apiVersion", "deploy.karlproject.org/v1alpha1")
                .put("kind", "KarlSite")));
        assertEquals(Set.of("kind"), paths(validator.validate(document.put("kind", "Site"))));
    }

    @Test
    void fieldPathsResolveCelFieldPathsAgainstTheRuleLocation() {
        assertEquals("spec.basedOn", FieldPath.resolve("", ".spec.basedOn"));
        assertEquals("spec.evolve[0].steps", FieldPath.resolve("spec.evolve[0]", ".steps"));
        assertEquals("spec.resources.limits[a.b]", FieldPath.resolve("spec.resources.limits", "['a.b']"));
        assertEquals("spec.resources.limits[nvidia.com/gpu]", FieldPath.child("spec.resources.limits", "nvidia.com/gpu"));
    }
}
