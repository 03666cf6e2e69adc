package org.karlproject.operator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and the process, as the report states them. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + " memory, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    private static String memTotal() {
        return procValue("/proc/meminfo", "MemTotal:").map(kb -> kb / 1024 + " MiB").orElse("unknown");
    }

    /** The resident set size of this process, in bytes (0 when unknown). */
    static long rss() {
        return procValue("/proc/self/status", "VmRSS:").map(kb -> kb * 1024).orElse(0L);
    }

    /** Heap in use after a full collection (several, until it stops shrinking). */
    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** The CPU time this process has used so far, all threads, in milliseconds (-1 where the JVM cannot tell). */
    static long processCpuMillis() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }

    /**
     * The live classes by heap use (a full GC first), as {@code jcmd GC.class_histogram} prints them: where an
     * operator process's heap goes (M4). Used when {@code karl.bench.histogram} names a file.
     */
    static String classHistogram() {
        return diagnostic("gcClassHistogram");
    }

    /**
     * The JVM's native memory by area (heap, class metadata, threads, code, GC, the rest), as {@code jcmd
     * VM.native_memory summary} prints it; only with {@code -XX:NativeMemoryTracking=summary}.
     */
    static String nativeMemory() {
        return diagnostic("vmNativeMemory", "summary");
    }

    /**
     * The process's live threads by name, digits folded ({@code ReconcilerExecutor-site-#}), most numerous
     * first: which pools the thread stacks of the native memory summary belong to.
     */
    static String threads() {
        java.util.Map<String, Integer> byPool = new java.util.TreeMap<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> byPool.merge(thread.getName().replaceAll("[0-9]+", "#")
                + java.util.Arrays.stream(stack).map(StackTraceElement::getClassName)
                        .filter(c -> !c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun."))
                        .reduce((first, second) -> second).map(c -> "  (started by " + c + ")").orElse(""),
                1, Integer::sum));
        StringBuilder out = new StringBuilder();
        byPool.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("%5d  %s%n", e.getValue(), e.getKey())));
        return out.toString();
    }

    private static String diagnostic(String command, String... arguments) {
        try {
            return (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), command,
                    new Object[] {arguments}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException e) {
            return "no " + command + ": " + e;
        }
    }

    /** Milliseconds from JVM start to now. */
    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static java.util.Optional<Long> procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst();
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
