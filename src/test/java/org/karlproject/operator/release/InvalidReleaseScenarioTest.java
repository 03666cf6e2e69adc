package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Every ReleaseIndex case of the bad-manifest corpus, applied to the simulated cluster (whose API server,
 * like an old cluster without CEL, accepts anything): the reconciler reports Stalled, reason InvalidSpec,
 * naming the same field path the offline validate command names, and serves nothing.
 *
 * <p>Left out: cases a typed client cannot even represent (a number where a string belongs becomes a string,
 * a missing list becomes an empty one; a real API server rejects those at admission), and the basedOn
 * cases, which need their own names and are covered by {@link ReleaseIndexScenarioTest}.
 */
class InvalidReleaseScenarioTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ReleaseRegistry REGISTRY = new ReleaseRegistry();
    static SimHarness h;

    @BeforeAll
    static void start() {
        h = SimHarness.start(() -> List.of(new ReleaseIndexReconciler(REGISTRY)));
    }

    @AfterAll
    static void close() {
        h.close();
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/invalid"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("ri-"))
                    .filter(f -> !f.getFileName().toString().startsWith("ri-basedon-"))
                    .filter(InvalidReleaseScenarioTest::typedClientKeepsIt)
                    .sorted().toList().stream();
        }
    }

    /** Whether the case survives a typed client: its violations are still there after the round trip. */
    static boolean typedClientKeepsIt(Path file) {
        try {
            ReleaseIndex typed = SERIALIZATION.convertValue(YAML.readTree(file.toFile()), ReleaseIndex.class);
            List<String> found = Validator.shared().validate(typed).stream().map(Violation::path).toList();
            return typed.getSpec() != null && found.containsAll(expectedPaths(file));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static List<String> expectedPaths(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect:"))
                .map(l -> l.substring("# expect:".length()).trim()).toList();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theReconcilerRefusesItNamingTheField(Path file) throws IOException {
        List<String> expected = expectedPaths(file);
        ReleaseIndex release = SERIALIZATION.convertValue(YAML.readTree(file.toFile()), ReleaseIndex.class);
        // a case about the name itself keeps its own name; the others are named after their file
        String name = expected.contains("<root>") ? release.getMetadata().getName()
                : file.getFileName().toString().replace(".yaml", "");
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace("corpus");

        release = h.awaitCondition(h.apply(release), "Stalled", "True");

        var stalled = Conditions.find(release.getStatus().getConditions(), "Stalled").orElseThrow();
        assertEquals("InvalidSpec", stalled.getReason());
        for (String path : expected) {
            assertTrue(stalled.getMessage().contains(path + ": "), path + " in: " + stalled.getMessage());
        }
        assertTrue(REGISTRY.find("corpus", name).isEmpty());
    }
}
