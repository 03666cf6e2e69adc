package org.karlproject.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RoutingStatus;

/** One sandbox run: plays the story once the operator is up, then ends the application (unless --keep). */
final class SandboxSession {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final Sandbox sandbox;
    private final SandboxCommand.Options options;
    private final PrintStream out;
    private volatile int exitCode = 1;

    SandboxSession(Sandbox sandbox, SandboxCommand.Options options, PrintStream out) {
        this.sandbox = sandbox;
        this.options = options;
        this.out = out;
    }

    int exitCode() {
        return exitCode;
    }

    /** Called on the application's start: plays the story on its own thread. */
    void begin() {
        Thread story = new Thread(this::play, "sandbox-story");
        story.setDaemon(true);
        story.start();
    }

    /** --keep: a kubeconfig for kubectl, and the commands that work against the embedded server. */
    private void keepServing() {
        try {
            Path kubeconfig = Files.createTempDirectory("karl-sandbox").resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfig(sandbox.kubectlUrl()));
            out.println();
            out.println("The sandbox stays up (--keep); Ctrl-C stops it. The operator keeps reconciling what you apply.");
            out.println("  export KUBECONFIG=" + kubeconfig);
            out.println("  kubectl get karl -n " + SeedStory.NS);
            out.println("  kubectl get karlsites -w -n " + SeedStory.NS);
            out.println("  export PATH=" + Path.of("bin").toAbsolutePath() + ":$PATH    # kubectl-karl, the plugin (docs/cli.md)");
            out.println("  kubectl karl status acme-production --watch");
            out.println("  kubectl describe karlsite acme-staging -n " + SeedStory.NS);
            out.println("  kubectl apply --validate=false -f samples/30-site-acme-staging.yaml");
        } catch (IOException e) {
            out.println("sandbox: could not write a kubeconfig: " + e.getMessage());
        }
    }

    /**
     * Each site's URLs (status.routing): the host names its Ingress (or HTTPRoute) routes, the preview URL
     * while there is a candidate, and the address the simulated ingress controller gave the route.
     */
    private void printUrls(KubernetesClient client) {
        out.println();
        out.println("Site URLs (status.routing; served by the simulated ingress controller):");
        for (KarlSite site : client.resources(KarlSite.class).inAnyNamespace().list().getItems()) {
            RoutingStatus routing = site.getStatus() == null ? null : site.getStatus().getRouting();
            if (routing == null) {
                out.printf("  %-18s (no host names)%n", site.getMetadata().getName());
                continue;
            }
            out.printf("  %-18s %s via %s at %s%s%n", site.getMetadata().getName(), String.join(" ", routing.getUrls()),
                    routing.getRoute(), Optional.ofNullable(routing.getAddress()).orElse("(no address yet)"),
                    routing.getPreviewUrl() == null ? "" : "; preview " + routing.getPreviewUrl());
        }
        out.flush();
    }

    static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: karl-sandbox
                    cluster:
                      server: %s
                users:
                  - name: karl-sandbox
                    user:
                      token: sandbox
                contexts:
                  - name: karl-sandbox
                    context:
                      cluster: karl-sandbox
                      user: karl-sandbox
                      namespace: %s
                current-context: karl-sandbox
                """.formatted(server.replaceAll("/$", ""), SeedStory.NS);
    }

    private void play() {
        KubernetesClient client = sandbox.server().adminClient();
        try (Console console = new Console(client, out, Clock.systemUTC()).start()) {
            exitCode = new SeedStory(client, sandbox.cluster(), options.manifests(), out, STEP_TIMEOUT,
                    Clock.systemUTC()).play();
            console.printTable();
            printUrls(client);
        } catch (RuntimeException e) {
            out.println("sandbox: the story could not run: " + e);
            exitCode = 1;
        }
        if (options.keep()) {
            keepServing();
            return;
        }
        Quarkus.asyncExit(exitCode);
    }
}
