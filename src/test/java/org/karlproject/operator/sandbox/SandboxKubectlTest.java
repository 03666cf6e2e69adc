package org.karlproject.operator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karlproject.operator.plugin.KubectlKarl;

/**
 * The plugin against a sandbox as a user runs it: through the kubeconfig the sandbox writes (its front for
 * kubectl), the namespace from the kubeconfig's context, plain HTTP watches.
 */
class SandboxKubectlTest {

    final Sandbox sandbox = Sandbox.start(0);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sandbox.close();
    }

    record Run(int exit, String out, String err) {
    }

    Run karl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = KubectlKarl.run(List.of(args), null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void thePluginWorksThroughTheSandboxsKubeconfig() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata item : sandbox.server().adminClient().load(in).items()) {
                        sandbox.server().adminClient().resource(item).create();
                    }
                }
            }
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), SandboxSession.kubeconfig(sandbox.kubectlUrl()));

        Run get = karl("--kubeconfig", kubeconfig.toString(), "get");
        assertEquals(0, get.exit(), get.toString());
        assertTrue(get.out().contains("karlsite/acme-staging"), get.out());
        assertTrue(get.out().contains("evolverun/acme-production-3-31-rehearsal"), get.out());

        Run watch = karl("--kubeconfig", kubeconfig.toString(), "--context", "karl-sandbox", "status", "acme-production",
                "--watch", "--timeout", "2s");
        assertEquals(0, watch.exit(), watch.toString());
        assertTrue(watch.out().contains("KarlSite karl-acme/acme-production"), watch.toString());

        Run noContext = karl("--kubeconfig", kubeconfig.toString(), "--context", "nope", "get");
        assertEquals(1, noContext.exit(), noContext.toString());
        Run noFile = karl("--kubeconfig", dir.resolve("missing").toString(), "get");
        assertEquals(1, noFile.exit(), noFile.toString());
        assertTrue(noFile.err().contains("no such file"), noFile.toString());
    }
}
