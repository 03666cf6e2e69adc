package org.karlproject.operator.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar bench [options]}: the fleet benchmarks of issue 10 on
 * the simulated cluster, in plain Java (no Quarkus boot). Not part of {@code mvn verify}. Prints a table and
 * writes {@code docs/benchmarks.md}; see {@link Options#USAGE}.
 */
public final class Benchmarks {
    /** The command of the operator process that M3 and M4 start (the same jar). */
    public static final String OPERATOR_PROCESS = OperatorProcess.COMMAND;
    private static PrintStream progress = System.err;

    private Benchmarks() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        long jvmToMain = Machine.uptimeMillis();
        if (args.contains("--help")) {
            out.println(Options.USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        progress = err;
        quietLogs();
        Report report = new Report();
        report.load("at start");
        progress("bench: %s (JVM start to main: %d ms)", options.commandLine(), jvmToMain);
        progress("warm-up: a 2-site install in this JVM took %d ms", InstallBench.warmUp());
        if (options.only().contains("M1") || options.only().contains("M2")) {
            InstallRun last = new InstallBench(options, report).run();
            report.load("after M1");
            try (FleetLab lab = last.lab()) {
                if (options.only().contains("M2")) {
                    SteadyBench.run(lab, options.sites(), options, report);
                    report.load("after M2");
                }
            }
        }
        Map<String, Runnable> fresh = new LinkedHashMap<>();
        fresh.put("M3", () -> ColdStartBench.run(options, report));
        fresh.put("M4", () -> MemoryBench.run(options, report));
        fresh.put("M5", () -> LatencyBench.run(options, report));
        fresh.put("M6", () -> UpgradeBench.run(options, report));
        fresh.forEach((id, measurement) -> {
            if (options.only().contains(id)) {
                try {
                    measurement.run();
                } catch (RuntimeException e) { // one measurement's failure must not cost the others' figures
                    progress("%s failed: %s", id, e);
                    report.note(id, "The measurement did not finish: " + e.getMessage());
                }
                report.load("after " + id);
            }
        });
        report.print(out);
        if (!options.out().equals("-")) {
            report.write(Path.of(options.out()), options);
            out.println("\nwritten to " + options.out());
        }
        return 0;
    }

    /** The operator process of M3 and M4 (see {@link OperatorProcess}). */
    public static int operatorProcess(List<String> args, PrintStream out) {
        quietLogs();
        try {
            return OperatorProcess.main(args, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static void progress(String format, Object... args) {
        progress.println("[" + java.time.LocalTime.now().withNano(0) + "] " + String.format(format, args));
    }

    /** The operator and the mock server log a lot at INFO; the benchmark's own output is what counts. */
    private static void quietLogs() {
        for (String name : List.of("", "io.javaoperatorsdk", "io.fabric8", "org.karlproject")) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
    }
}
