package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bench --operator-jvm chart} runs the operator with the chart's JVM defaults, not a copy that drifted. */
class ChartJvmTest {

    private static String value(String values, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ": \"([^\"]*)\"").matcher(values);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void chartMeansTheChartsCollectorAndJavaOptionsInItsDefaultLimit() throws IOException {
        String values = Files.readString(Path.of("helm/karl-operator/values.yaml"));
        Matcher limit = Pattern.compile("(?m)^  limits:\\n    memory: (\\d+)Mi").matcher(values);
        limit.find();
        String chart = "MALLOC_ARENA_MAX=" + value(values, "mallocArenaMax") + " -XX:MaxRAM=" + limit.group(1) + "m "
                + value(values, "gcOptions") + " " + value(values, "javaOpts");
        assertEquals(List.of(chart.split(" ")), Options.jvm("chart"));
        assertEquals(java.util.Map.of("MALLOC_ARENA_MAX", value(values, "mallocArenaMax")),
                OperatorProcess.environment(Options.jvm("chart")), "the chart's environment goes to the process's");
        assertEquals(Options.jvm(chart + " -Dkarl.bench.histogram=h.txt"), Options.jvm("chart -Dkarl.bench.histogram=h.txt"));
        assertEquals(List.of("-Xmx256m"), Options.jvm(" -Xmx256m "));
        assertEquals(java.util.Map.of(), OperatorProcess.environment(Options.jvm("-Xmx256m -DA=B")),
                "only leading NAME=value words are environment");
    }
}
