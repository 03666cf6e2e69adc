package org.karlproject.operator.sandbox;

import io.quarkus.runtime.Quarkus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code sandbox}: the whole operator, end to end, with no cluster. Starts the embedded API server and the
 * simulated cluster on loopback, points the real operator (this Quarkus application) at them, and plays
 * the {@link SeedStory}. Runs before Quarkus boots, like {@code validate}; Quarkus is started at the end.
 */
public final class SandboxCommand {

    /** The parsed command line. */
    record Options(Path manifests, boolean keep, int apiPort, int httpPort, int frontPort) {
    }

    private static volatile SandboxSession session;

    private SandboxCommand() {
    }

    /** The running sandbox, for the startup hook inside the Quarkus application. */
    static Optional<SandboxSession> session() {
        return Optional.ofNullable(session);
    }

    /** Starts the sandbox and the operator; returns only when the story is over (or, with --keep, on exit). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("sandbox: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isDirectory(options.manifests())) {
            err.println("sandbox: no manifests directory " + options.manifests().toAbsolutePath()
                    + " (run from the repository root, or give --manifests DIR)");
            return 2;
        }
        Sandbox sandbox = Sandbox.start(options.apiPort());
        String api = sandbox.server().url();
        // Fabric8 reads these before any client is built; quarkus.kubernetes-client.* is fixed at build time.
        System.setProperty("kubernetes.master", api);
        System.setProperty("kubernetes.trust.certificates", "true");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", "karl-system");
        System.setProperty("quarkus.http.host", "127.0.0.1");
        System.setProperty("quarkus.http.port", String.valueOf(options.httpPort()));
        System.setProperty("quarkus.banner.enabled", "false");
        System.setProperty("quarkus.log.level", "WARN");
        String http = "http://127.0.0.1:" + options.httpPort();
        out.println("karl-operator sandbox: the real operator on a simulated cluster (loopback only)");
        out.println("  API server          " + sandbox.kubectlUrl() + " (for kubectl; the operator uses " + api + ")");
        out.println("  release indexes     " + http + "/releases/" + SeedStory.NS + "/<release>/simple/");
        out.println("  requirements        " + http + "/releases/" + SeedStory.NS + "/<release>/requirements.txt");
        out.println("  health              " + http + "/q/health/ready");
        out.println("  metrics             " + http + "/q/metrics");
        SiteFront front = SiteFront.start(sandbox.server().adminClient(), options.frontPort());
        out.println("  site front door     http://127.0.0.1:" + front.port() + "/ (curl -H 'Host: karl.acme.example' ...)");
        out.println("  manifests           " + options.manifests().toAbsolutePath());
        session = new SandboxSession(sandbox, options, out);
        Quarkus.run();
        front.close();
        return session.exitCode();
    }

    static final String USAGE = "usage: sandbox [--manifests DIR] [--keep] [--api-port N] [--http-port N] [--front-port N]";

    static Options parse(List<String> args) {
        Path manifests = Path.of("samples");
        boolean keep = false;
        int apiPort = 0;
        int httpPort = 8080;
        int frontPort = 8081;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--keep" -> keep = true;
                case "--manifests" -> manifests = Path.of(value(args, ++i, arg));
                case "--api-port" -> apiPort = port(value(args, ++i, arg), arg);
                case "--http-port" -> httpPort = port(value(args, ++i, arg), arg);
                case "--front-port" -> frontPort = port(value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new Options(manifests, keep, apiPort, httpPort, frontPort);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number from 0 to 65535, not " + text);
        }
    }
}
