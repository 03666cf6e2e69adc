package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code kubectl karl}: the kubectl plugin for karl-operator's resources. Plain Java (no Quarkus), run by the
 * {@code kubectl-karl} launcher. Global options as kubectl's: {@code --kubeconfig}, {@code --context},
 * {@code -n/--namespace}, {@code -A/--all-namespaces}, anywhere on the line. Exit status: 0 done, 1 refused
 * or failed (the reason on stderr), 2 bad usage.
 */
public final class KubectlKarl {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    /** One command: its name, one line of summary, its usage text and what runs it. */
    record Entry(String name, String summary, String usage, Runner runner) {
    }

    @FunctionalInterface
    interface Runner {
        int run(Session session, List<String> args) throws Exception;
    }

    static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        add(new Entry("status", "a site's tree: rollout, revisions, database, evolve run, events", StatusCommand.USAGE,
                StatusCommand::run));
        add(new Entry("get", "every karl resource, one line each", GetCommand.USAGE, GetCommand::run));
        add(new Entry("mode", "set a site's mode: normal, readonly or maintenance", Actions.MODE_USAGE, Actions::mode));
        add(new Entry("rollback", "move a site back to a kept release (asks first)", Actions.ROLLBACK_USAGE, Actions::rollback));
        add(new Entry("promote", "move a release verified in the gate site (staging) to a site (production)",
                Actions.PROMOTE_USAGE, Actions::promote));
        add(new Entry("abort", "stop a site's rollout before its traffic switch", Actions.ABORT_USAGE, Actions::abort));
        add(new Entry("backup", "an on-demand snapshot of a database, waited for", Actions.BACKUP_USAGE, Actions::backup));
        add(new Entry("rehearse", "a dry-run evolve of a site's data for a release, followed", Actions.REHEARSE_USAGE,
                Actions::rehearse));
        add(new Entry("evolve", "the manual evolve run of a Manual-policy site, followed", Actions.EVOLVE_USAGE,
                Actions::evolve));
        add(new Entry("release", "release new (author a ReleaseIndex with computed hashes), release diff",
                ReleaseCommands.USAGE, ReleaseCommands::run));
        add(new Entry("config", "config diff: two sites' settings side by side", ConfigDiff.USAGE, ConfigDiff::run));
        add(new Entry("report", "a support bundle: a zip of the karl resources, their children, events (no Secrets)",
                ReportCommand.USAGE, ReportCommand::run));
        add(new Entry("completion", "print a bash completion script", Completion.USAGE, Completion::run));
    }

    private static void add(Entry entry) {
        COMMANDS.put(entry.name(), entry);
    }

    static final String GLOBAL = """
              --kubeconfig FILE       the kubeconfig (default: $KUBECONFIG, ~/.kube/config)
              --context NAME          the kubeconfig context
              -n, --namespace NS      the namespace (default: the context's)
              -A, --all-namespaces    every namespace (get)
            """;

    private KubectlKarl() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), null, System.out, System.err, System.in));
    }

    /**
     * Runs one command line. {@code client}: the cluster to use (tests); null builds one from the kubeconfig
     * and the global options.
     */
    public static int run(List<String> argv, KubernetesClient client, PrintStream out, PrintStream err, InputStream in) {
        List<String> rest = new ArrayList<>();
        String kubeconfig = null;
        String context = null;
        String namespace = null;
        boolean all = false;
        try {
            for (int i = 0; i < argv.size(); i++) {
                String arg = argv.get(i);
                String name = arg.contains("=") && arg.startsWith("--") || arg.startsWith("-n=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
                switch (name) {
                    case "--kubeconfig", "--context", "-n", "--namespace" -> {
                        String value = inline;
                        if (value == null) {
                            if (i + 1 >= argv.size()) {
                                throw new UsageException(name + " needs a value");
                            }
                            value = argv.get(++i);
                        }
                        switch (name) {
                            case "--kubeconfig" -> kubeconfig = value;
                            case "--context" -> context = value;
                            default -> namespace = value;
                        }
                    }
                    case "-A", "--all-namespaces" -> all = true;
                    default -> rest.add(arg);
                }
            }
        } catch (UsageException e) {
            err.println("kubectl karl: " + e.getMessage());
            return USAGE;
        }
        if (rest.isEmpty() || rest.get(0).equals("-h") || rest.get(0).equals("--help") || rest.get(0).equals("help")) {
            (rest.isEmpty() ? err : out).print(help());
            return rest.isEmpty() ? USAGE : OK;
        }
        Entry entry = COMMANDS.get(rest.get(0));
        if (entry == null) {
            err.println("kubectl karl: unknown command \"" + rest.get(0) + "\"");
            err.print(help());
            return USAGE;
        }
        List<String> args = rest.subList(1, rest.size());
        if (args.contains("-h") || args.contains("--help")) {
            out.print(entry.usage());
            out.print("\nGlobal options:\n" + GLOBAL);
            return OK;
        }
        String kc = kubeconfig;
        String ctx = context;
        Supplier<KubernetesClient> clients = client != null ? () -> client : () -> connect(kc, ctx);
        Session session = new Session(clients, namespace, all, out, err, in, Style.detect());
        try {
            return entry.runner().run(session, args);
        } catch (UsageException e) {
            err.println("kubectl karl " + entry.name() + ": " + e.getMessage());
            err.print(entry.usage());
            return USAGE;
        } catch (Refused e) {
            err.println("kubectl karl " + entry.name() + ": " + e.getMessage());
            return REFUSED;
        } catch (KubernetesClientException e) {
            err.println("kubectl karl " + entry.name() + ": " + describe(e));
            return REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return REFUSED;
        } catch (Exception e) {
            err.println("kubectl karl " + entry.name() + ": " + e);
            return REFUSED;
        } finally {
            if (client == null) {
                session.close();
            }
        }
    }

    /** What went wrong talking to the API server, in one line: its answer, or why there was none. */
    static String describe(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return "the API server answered " + e.getCode() + ": " + e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : "cannot talk to the API server: " + root;
    }

    /** A client from the kubeconfig, as kubectl would pick it ({@code KUBECONFIG}, then ~/.kube/config). */
    static KubernetesClient connect(String kubeconfig, String context) {
        Config config;
        if (kubeconfig != null) {
            java.io.File file = new java.io.File(kubeconfig);
            if (!file.isFile()) {
                throw new Refused("--kubeconfig " + kubeconfig + ": no such file");
            }
            config = Config.fromKubeconfig(context, file);
        } else {
            config = Config.autoConfigure(context);
        }
        if (context != null && (config.getContexts() == null
                || config.getContexts().stream().noneMatch(c -> context.equals(c.getName())))) {
            throw new Refused("context \"" + context + "\" not found in the kubeconfig");
        }
        config.setRequestRetryBackoffLimit(1);
        // watches over plain HTTP, as kubectl's (an API server serves both; the sandbox only these), and
        // status --watch holds one per kind, each a connection
        config.setOnlyHttpWatches(true);
        config.setMaxConcurrentRequestsPerHost(32);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static String help() {
        StringBuilder text = new StringBuilder("""
                kubectl karl: karl-operator's sites, databases, releases and evolve runs.

                Usage: kubectl karl COMMAND [ARGS] [OPTIONS]

                Commands:
                """);
        COMMANDS.values().forEach(e -> text.append(String.format("  %-11s %s%n", e.name(), e.summary())));
        text.append("\nGlobal options:\n").append(GLOBAL);
        text.append("\n`kubectl karl COMMAND --help` for a command's options. Exit status: 0 done, 1 refused or failed, 2 bad usage.\n");
        return text.toString();
    }
}
