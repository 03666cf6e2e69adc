package org.karlproject.operator.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What every command works with: the cluster (built on first use, so {@code --help} and {@code release new}
 * never need one), the namespace ({@code -n}, or the context's), {@code -A}, the streams and the style.
 */
final class Session {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    final PrintStream out;
    final PrintStream err;
    private final BufferedReader in;
    final Style style;
    final boolean allNamespaces;
    private final String namespace;
    private final Supplier<KubernetesClient> clients;
    private KubernetesClient client;

    Session(Supplier<KubernetesClient> clients, String namespace, boolean allNamespaces, PrintStream out, PrintStream err,
            InputStream in, Style style) {
        this.clients = clients;
        this.namespace = namespace;
        this.allNamespaces = allNamespaces;
        this.out = out;
        this.err = err;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.style = style;
    }

    KubernetesClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    /** The namespace: {@code -n}, else the kubeconfig context's, else {@code default}. */
    String namespace() {
        if (namespace != null) {
            return namespace;
        }
        String configured = client().getNamespace();
        return configured == null || configured.isEmpty() ? "default" : configured;
    }

    /** The namespace given with {@code -n}, if any (for commands that need no cluster). */
    java.util.Optional<String> givenNamespace() {
        return java.util.Optional.ofNullable(namespace);
    }

    /** One line of input (a confirmation), or null at its end. */
    String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code value} as {@code json} or {@code yaml}. */
    void print(Object value, String format) {
        try {
            switch (format) {
                case "json" -> out.println(JSON.writeValueAsString(value));
                case "yaml" -> out.print(YAML.writeValueAsString(value));
                default -> throw new UsageException("-o takes json or yaml, not " + format);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        if (client != null) {
            client.close();
        }
    }
}
