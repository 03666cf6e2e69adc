package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void chartTakesTheLimitInstallMdGivesTheFleetsSizeAndALaterMaxRamWins() {
        assertEquals(Options.jvm("chart"), Options.jvm("chart", 1000), "up to 1,000 sites: the default limit");
        assertTrue(Options.jvm("chart", 2500).contains("-XX:MaxRAM=768m"));
        assertTrue(Options.jvm("chart", 5000).contains("-XX:MaxRAM=1536m"));
        assertFalse(Options.jvm("chart", 5000).contains("-XX:MaxRAM=512m"));
        List<String> overridden = Options.jvm("chart -XX:MaxRAM=2g", 1000);
        assertEquals("-XX:MaxRAM=2g", overridden.get(overridden.size() - 1), "the JVM takes the last -XX:MaxRAM");
        assertEquals(List.of("-Xmx256m"), Options.jvm("-Xmx256m", 5000), "only chart is sized");
    }

    @Test
    void sizesAreSortedListsAndTheReportSaysWhatChartMeantForEach() {
        Options options = Options.parse(List.of("--cold-sites", "5000,1000", "--memory-sites", "0, 5000",
                "--only", "M3,M4", "--operator-jvm", "chart"));
        assertEquals(List.of(1000, 5000), options.coldSites());
        assertEquals(List.of(0, 5000), options.memorySites());
        List<String> bySize = options.operatorJvmBySize();
        assertEquals(2, bySize.size(), () -> String.join("\n", bySize));
        assertTrue(bySize.get(0).startsWith("N=0,1000: ") && bySize.get(0).contains("-XX:MaxRAM=512m"), bySize::toString);
        assertTrue(bySize.get(1).startsWith("N=5000: ") && bySize.get(1).contains("-XX:MaxRAM=1536m"), bySize::toString);
        assertTrue(options.commandLine().contains("--cold-sites 1000,5000 --memory-sites 0,5000"), options::commandLine);
        assertTrue(options.commandLine().contains("--operator-jvm \"chart\""), options::commandLine);
        assertEquals(List.of(), Options.parse(List.of("--only", "M1")).operatorJvmBySize());
    }
}
