package org.karlproject.operator.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.KarlOperatorMain;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.OperatorRunner;

/**
 * The operator in a process of its own (M3, M4), against the benchmark's API server in the parent process:
 * so that its start is a real JVM start and its memory is its own, without the mock server's. The parent
 * runs {@code bench-operator <url> <resources>} from the same jar; the child starts the whole operator, waits
 * until every one of the {@code resources} custom resources has finished a reconcile, and prints what it
 * measured as {@code key=value} lines.
 */
final class OperatorProcess {
    static final String COMMAND = "bench-operator";

    private OperatorProcess() {
    }

    /** The child's side. */
    static int main(List<String> args, PrintStream out) throws InterruptedException {
        long jvmToMain = Machine.uptimeMillis();
        String url = args.get(0);
        int resources = Integer.parseInt(args.get(1));
        ReconcileCounter counter = new ReconcileCounter();
        OperatorRunner runner = new OperatorRunner(agent -> client(url, agent),
                () -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()))
                .tuning(o -> o.withMetrics(counter).withCacheSyncTimeout(FleetLab.CACHE_SYNC_TIMEOUT));
        long start = System.nanoTime();
        try {
            runner.start();
        } catch (RuntimeException e) {
            // the caller exits the JVM on the answer (the client's threads would keep it alive)
            out.println("error=the operator did not start: " + e);
            return 1;
        }
        long synced = System.nanoTime();
        while (counter.reconciled() < resources) {
            if (System.nanoTime() - start > 600_000_000_000L) {
                out.println("error=timed out with " + counter.reconciled() + " of " + resources + " reconciled");
                return 1;
            }
            Thread.sleep(2);
        }
        long reconciled = System.nanoTime();
        // how many informers cache each object: each decoded its own copy of its kind's list (LeanStore)
        LeanStore.Totals caches = LeanStore.totals();
        out.println("cacheEntries=" + caches.entries());
        out.println("cachedObjects=" + caches.distinct());
        out.println("cacheStored=" + caches.stored());
        out.println("jvmToMain=" + jvmToMain);
        out.println("startToSynced=" + (synced - start) / 1_000_000);
        out.println("startToReconciled=" + (reconciled - start) / 1_000_000);
        out.println("jvmToReconciled=" + Machine.uptimeMillis());
        out.println("cpuToReconciled=" + Machine.processCpuMillis());
        Thread.sleep(1_000);
        out.println("heapAfterGc=" + Machine.heapAfterGc());
        out.println("rss=" + Machine.rss());
        // --operator-jvm "-Dkarl.bench.histogram=FILE": where the heap goes
        writeIfAsked("karl.bench.histogram", Machine::classHistogram, out);
        // --operator-jvm "chart -XX:NativeMemoryTracking=summary -Dkarl.bench.nmt=FILE": where the RSS goes
        writeIfAsked("karl.bench.nmt", Machine::nativeMemory, out);
        // --operator-jvm "-Dkarl.bench.threads=FILE": the threads by pool (the stacks in that summary)
        writeIfAsked("karl.bench.threads", Machine::threads, out);
        out.flush();
        runner.stop();
        return 0;
    }

    /** Writes {@code report} to the file the system property {@code property} names, if it names one. */
    private static void writeIfAsked(String property, java.util.function.Supplier<String> report, PrintStream out) {
        String file = System.getProperty(property);
        if (file != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), report.get());
            } catch (IOException e) {
                out.println(property + ".error=" + e);
            }
        }
    }

    static KubernetesClient client(String url, String agent) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true).withUserAgent(agent)
                .withNamespace("default").withRequestTimeout(10_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The leading {@code NAME=value} words of {@code options}: the child's environment, as on a shell's command line. */
    static Map<String, String> environment(List<String> options) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        options.subList(0, leadingAssignments(options)).forEach(option -> environment.put(
                option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1)));
        return environment;
    }

    private static int leadingAssignments(List<String> options) {
        int n = 0;
        while (n < options.size() && options.get(n).matches("[A-Z_][A-Z0-9_]*=.*")) {
            n++;
        }
        return n;
    }

    /** The parent's side: runs the child (its environment, then its JVM options) to the end and returns what it printed. */
    static Map<String, String> run(String url, int resources, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        Map<String, String> environment = environment(jvmOptions);
        command.addAll(jvmOptions.subList(leadingAssignments(jvmOptions), jvmOptions.size()));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith("quarkus-run.jar")) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, KarlOperatorMain.class.getName()));
        }
        command.addAll(List.of(COMMAND, url, String.valueOf(resources)));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Map<String, String> values = new HashMap<>();
            ArrayDeque<String> lastLines = new ArrayDeque<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && line.substring(0, eq).matches("[A-Za-z]+")) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    } else {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || values.containsKey("error")) {
                throw new IllegalStateException("the operator process failed (" + exit + "): " + values
                        + "; its last lines of output:\n" + String.join("\n", lastLines));
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
