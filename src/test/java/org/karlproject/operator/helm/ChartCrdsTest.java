package org.karlproject.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart installs exactly the committed CRDs: its copies under helm/karl-operator/crds/ are
 * byte-for-byte the files in crds/, and Helm (as {@code helm show crds}) finds every one of them there.
 */
class ChartCrdsTest {

    static final Path CRDS = Path.of("crds");
    static final Path CHART_CRDS = RenderedChart.CHART.resolve("crds");
    static final String REFRESH = "refresh crds/ and the chart's copies with: "
            + "mvn -B test -Dtest=CrdsUpToDateTest -Dkarl.crds.update=true";

    @Test
    void chartCopiesAreIdenticalToCrds() throws IOException {
        assertEquals(fileNames(CRDS), fileNames(CHART_CRDS), "helm/karl-operator/crds/ lists other files; " + REFRESH);
        for (String name : fileNames(CRDS)) {
            assertEquals(Files.readString(CRDS.resolve(name)), Files.readString(CHART_CRDS.resolve(name)),
                    "helm/karl-operator/crds/" + name + " differs from crds/" + name + "; " + REFRESH);
        }
    }

    @Test
    void helmInstallsEveryCrdAsCommitted() throws IOException {
        // helm show crds prints the chart's CRD files as Helm loaded them, one after the other.
        String installed = new Helm(RenderedChart.CHART).show().crds().call();
        List<String> names = fileNames(CRDS);
        assertEquals(5, names.size());
        assertEquals(names.size(), installed.lines().filter("kind: CustomResourceDefinition"::equals).count());
        for (String name : names) {
            String committed = Files.readString(CRDS.resolve(name));
            assertTrue(installed.contains(committed), "Helm does not install crds/" + name + " as committed; " + REFRESH);
            JsonNode crd = RenderedChart.YAML.readTree(committed);
            assertEquals("CustomResourceDefinition", crd.path("kind").asText(), name);
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
