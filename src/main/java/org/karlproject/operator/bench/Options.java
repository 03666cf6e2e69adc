package org.karlproject.operator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of {@code bench}. Defaults are small, for development on a shared machine; the published
 * figures use {@code --sites 500 --cold-sites 1000 --memory-sites 0,1000,5000 --idle 300}.
 */
record Options(int sites, int runs, Set<String> only, int idleSeconds, List<Integer> coldSites, List<Integer> memorySites,
        int maxEvolve, int bakeSeconds, String wave, int probes, String operatorJvm, String out, int trainRuns) {
    /**
     * The JVM options of the Helm chart's defaults (values.yaml: {@code mallocArenaMax} as the environment
     * variable it sets, {@code gcOptions}, {@code javaOpts}) with {@code -XX:MaxRAM} set to the default memory
     * limit, so the JVM sizes itself as in that container;
     * {@code --operator-jvm chart} (and more options after it: {@code "chart -Dkarl.bench.histogram=F"}).
     * {@code bench/ChartJvmTest} keeps it equal to the chart.
     */
    static final String CHART_JVM = "MALLOC_ARENA_MAX=2 -XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50.0"
            + " -Xss512k -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:NewRatio=3";

    /**
     * The memory limit, in MiB, that docs/install.md ("Memory for large fleets") gives a fleet of {@code sites}:
     * the chart's default 512Mi up to 1,000 sites, 768Mi up to 2,500, 1.5Gi up to 5,000 (the largest size
     * measured; larger fleets get the same here, and the docs say to measure). {@code chart} sizes the
     * operator process's JVM with it, as a user following that table would.
     */
    static int chartLimitMiB(int sites) {
        return sites <= 1_000 ? 512 : sites <= 2_500 ? 768 : 1_536;
    }

    static final String USAGE = """
            usage: bench [--sites N] [--runs R] [--only M1,M2,...] [--idle SECONDS] [--cold-sites 1000,5000]
                         [--memory-sites 0,1000,5000] [--max-evolve K] [--bake SECONDS] [--wave SIZE]
                         [--probes P] [--operator-jvm "OPTS"] [--train-runs R]
                         [--out docs/benchmarks.md]
              --sites         fleet size for M1, M2, M5 (burst) and M6 (default 20)
              --runs          repetitions of each figure; tables show median (min–max) (default 3)
              --idle          M2's idle period after the restart, seconds (default 10; the issue asks 300)
              --cold-sites    fleet sizes for M3 (default 100; the issue asks 1000,5000)
              --memory-sites  fleet sizes for M4 (default 0,100,200; the issue asks 0,1000,5000)
              --max-evolve    M6's karl.evolve.max-concurrent (default 10)
              --bake          M6's train: the bake after the canary and each wave, seconds (default 5)
              --wave          M6's train: the size of each production wave after the canary, a count or
                              a percentage of the sites (default 10%)
              --probes        sites whose reaction M5 measures (default 10)
              --train-runs    repetitions of M6 (default: --runs; a 500-site train takes minutes per run)
              --operator-jvm  JVM options of the operator process of M3 and M4 (default none), e.g.
                              "-XX:+UseSerialGC -Xmx256m"; leading NAME=value words set its environment
                              ("MALLOC_ARENA_MAX=2 -Xmx256m"); "chart": the Helm chart's defaults in the
                              memory limit docs/install.md gives the fleet's size (512Mi up to 1,000
                              sites, 768Mi to 2,500, 1.5Gi to 5,000; more options may follow "chart")
              --out           where to write the report (default docs/benchmarks.md; "-" for none)""";

    static Options parse(List<String> args) {
        int sites = 20;
        int runs = 3;
        Set<String> only = new TreeSet<>(List.of("M1", "M2", "M3", "M4", "M5", "M6"));
        int idle = 10;
        List<Integer> cold = List.of(100);
        List<Integer> memory = List.of(0, 100, 200);
        int maxEvolve = 10;
        int bake = 5;
        String wave = "10%";
        int probes = 10;
        String operatorJvm = "";
        String out = "docs/benchmarks.md";
        Integer trainRuns = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            switch (arg) {
                case "--sites" -> sites = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--only" -> only = new TreeSet<>(Arrays.asList(value.toUpperCase().split(",")));
                case "--idle" -> idle = Integer.parseInt(value);
                case "--cold-sites" -> cold = sizes(value);
                case "--memory-sites" -> memory = sizes(value);
                case "--max-evolve" -> maxEvolve = Integer.parseInt(value);
                case "--bake" -> bake = Integer.parseInt(value);
                case "--wave" -> wave = value;
                case "--probes" -> probes = Integer.parseInt(value);
                case "--operator-jvm" -> operatorJvm = value.trim();
                case "--out" -> out = value;
                case "--train-runs" -> trainRuns = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
            i++;
        }
        if (!wave.matches(org.karlproject.operator.api.train.TrainStages.COUNT_OR_PERCENT)) {
            throw new IllegalArgumentException("--wave takes a count (3) or a percentage (10%), not " + wave + "\n" + USAGE);
        }
        return new Options(sites, runs, only, idle, cold, memory, maxEvolve, bake, wave, probes, operatorJvm, out,
                trainRuns == null ? runs : trainRuns);
    }

    private static List<Integer> sizes(String value) {
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).sorted().toList());
    }

    /** The operator process's JVM options for a fleet of {@code sites} ({@link #jvm(String, int)}). */
    List<String> operatorJvm(int sites) {
        return jvm(operatorJvm, sites);
    }

    /** {@link #jvm(String, int)} for a fleet the chart's default limit holds. */
    static List<String> jvm(String value) {
        return jvm(value, 0);
    }

    /**
     * The options of {@code --operator-jvm}, with a leading {@code chart} expanded to {@link #CHART_JVM} in the
     * limit {@link #chartLimitMiB} gives {@code sites} ({@code -XX:MaxRAM}; a later {@code -XX:MaxRAM} after
     * {@code chart} wins, as the JVM takes the last).
     */
    static List<String> jvm(String value, int sites) {
        String options = value.trim();
        if (options.equals("chart") || options.startsWith("chart ")) {
            options = CHART_JVM.replace("-XX:MaxRAM=512m", "-XX:MaxRAM=" + chartLimitMiB(sites) + "m")
                    + options.substring("chart".length());
        }
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    String commandLine() {
        return ("bench --sites %d --runs %d --only %s --idle %d --cold-sites %s --memory-sites %s --max-evolve %d --bake %d"
                + " --wave %s --probes %d").formatted(sites, runs, String.join(",", only), idleSeconds, list(coldSites),
                        list(memorySites), maxEvolve, bakeSeconds, wave, probes)
                + (operatorJvm.isEmpty() ? "" : " --operator-jvm \"" + operatorJvm + "\"")
                + (trainRuns == runs ? "" : " --train-runs " + trainRuns);
    }

    private static String list(List<Integer> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }

    /**
     * What {@code --operator-jvm} meant for each fleet size of M3 and M4 (its {@code chart} expanded), for the
     * report; empty without the option.
     */
    List<String> operatorJvmBySize() {
        if (operatorJvm.isEmpty()) {
            return List.of();
        }
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        if (only.contains("M3")) {
            all.addAll(coldSites);
        }
        if (only.contains("M4")) {
            all.addAll(memorySites);
        }
        java.util.Map<String, List<Integer>> bySize = new java.util.LinkedHashMap<>();
        all.forEach(n -> bySize.computeIfAbsent(String.join(" ", operatorJvm(n)), k -> new ArrayList<>()).add(n));
        List<String> lines = new ArrayList<>();
        bySize.forEach((jvm, sizes) -> lines.add("N=" + list(sizes) + ": `" + jvm + "`"));
        return lines;
    }
}
