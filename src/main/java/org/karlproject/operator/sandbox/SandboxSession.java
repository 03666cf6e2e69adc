package org.karlproject.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

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

    private void play() {
        KubernetesClient client = sandbox.server().adminClient();
        try (Console console = new Console(client, out, Clock.systemUTC()).start()) {
            exitCode = new SeedStory(client, sandbox.cluster(), options.manifests(), out, STEP_TIMEOUT,
                    Clock.systemUTC()).play();
            console.printTable();
        } catch (RuntimeException e) {
            out.println("sandbox: the story could not run: " + e);
            exitCode = 1;
        }
        if (options.keep()) {
            out.println();
            out.println("The sandbox stays up (--keep); press Ctrl-C to stop. API server: " + sandbox.server().url());
            return;
        }
        Quarkus.asyncExit(exitCode);
    }
}
