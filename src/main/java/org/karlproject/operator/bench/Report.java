package org.karlproject.operator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one {@code bench} invocation: a table on stdout and {@code docs/benchmarks.md}. */
final class Report {
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized void note(String id, String text) {
        notes.computeIfAbsent(id, k -> new ArrayList<>()).add(text);
    }

    /** Records the load average now, labelled (e.g. "after M1"). */
    void load(String when) {
        loads.add(when + ": " + loadAverage());
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    void print(PrintStream out) {
        out.println();
        out.printf("%-3s %-58s %-28s %-10s %s%n", "", "figure: median (min–max)", "", "target", "");
        for (Row row : rows) {
            out.printf("%-3s %-58s %-28s %-10s %s%n", row.id(), row.metric(),
                    row.value().format(row.decimals()) + " " + row.unit(), row.target(), row.verdict());
        }
    }

    void write(Path file, Options options) {
        StringBuilder md = new StringBuilder();
        md.append(BenchText.HEADER);
        md.append("\n## This run\n\n");
        md.append("- date: ").append(started).append('\n');
        md.append("- machine: ").append(Machine.describe()).append('\n');
        md.append("- command: `java -jar target/quarkus-app/quarkus-run.jar ").append(options.commandLine()).append("`\n");
        List<String> jvm = options.operatorJvmBySize();
        if (!jvm.isEmpty()) {
            md.append("- the operator process's JVM (M3, M4), by fleet size:\n");
            jvm.forEach(line -> md.append("  - ").append(line).append('\n'));
        }
        md.append("- load average (1, 5, 15 min), measured while the benchmark ran (other engineers share the machine):\n");
        loads.forEach(l -> md.append("  - ").append(l).append('\n'));
        md.append("\n## Figures\n\nEach figure is the median of the runs, with (min–max); `runs` above says how many.\n\n");
        md.append("| | figure | median (min–max) | target | |\n| --- | --- | ---: | --- | --- |\n");
        for (Row row : rows) {
            md.append("| %s | %s | %s %s | %s | %s |\n".formatted(row.id(), row.metric(), row.value().format(row.decimals()),
                    row.unit(), row.target(), row.verdict()));
        }
        md.append("\n## Findings, per measurement\n");
        notes.forEach((id, texts) -> {
            md.append("\n### ").append(id).append("\n\n");
            texts.forEach(t -> md.append(t).append("\n\n"));
        });
        md.append(BenchText.FOOTER);
        try {
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
