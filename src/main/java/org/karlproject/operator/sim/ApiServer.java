package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The embedded API server: the Fabric8 mock server in CRUD mode on loopback, with the project's four CRDs
 * and a minimal VolumeSnapshot CRD installed (so that their status subresources work), every request counted
 * in {@link #requests()} and faults injectable through {@link #faults()}.
 */
public final class ApiServer implements AutoCloseable {
    /** Where the jar carries the generated CRDs. */
    public static final String CRD_RESOURCE_DIR = "META-INF/karl-operator/crds/";
    public static final List<String> CRD_FILES = List.of(
            "releaseindexes.deploy.karlproject.org-v1.yml",
            "zeodatabases.deploy.karlproject.org-v1.yml",
            "karlsites.deploy.karlproject.org-v1.yml",
            "evolveruns.deploy.karlproject.org-v1.yml",
            "releasetrains.deploy.karlproject.org-v1.yml");
    /** The user agent of clients made by {@link #adminClient()}: test code acting as a user. */
    public static final String ADMIN_USER_AGENT = "karl-test-admin";

    /** The mock server logs every request at INFO; the {@link RequestLog} has them all, so keep it quiet. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private final RequestLog log = new RequestLog();
    private final WatchTracker watches = new WatchTracker();
    private final Faults faults = new Faults(watches);
    private final KubernetesMockServer server;
    private final Config baseConfig;
    private final KubernetesClient admin;

    private final AccountingDispatcher dispatcher = new AccountingDispatcher(log, faults, watches);

    private ApiServer(int port) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        try (KubernetesClient probe = server.createClient()) {
            baseConfig = probe.getConfiguration();
        }
        admin = client(ADMIN_USER_AGENT);
    }

    /** Starts a server on a free loopback port and installs the CRDs. */
    public static ApiServer start() {
        return start(0);
    }

    /** Starts a server on this loopback port (0: any free one) and installs the CRDs; for the sandbox. */
    public static ApiServer start(int port) {
        ApiServer apiServer = new ApiServer(port);
        apiServer.installCrds();
        return apiServer;
    }

    private void installCrds() {
        for (String file : CRD_FILES) {
            try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(CRD_RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("CRD not on the classpath: " + CRD_RESOURCE_DIR + file);
                }
                admin.apiextensions().v1().customResourceDefinitions()
                        .resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        admin.apiextensions().v1().customResourceDefinitions().resource(VolumeSnapshots.crd()).create();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /**
     * Whether the Gateway API CRDs are installed (default not, as on a fresh cluster): API discovery then
     * lists {@code gateway.networking.k8s.io/v1} (HTTPRoute, Gateway). Set it before the operator starts:
     * the operator looks once, at start.
     */
    public ApiServer gatewayApi(boolean installed) {
        dispatcher.discovery().gatewayApi = installed;
        return this;
    }

    /** A new client of this server, identified by its user agent in the {@link RequestLog}. */
    public KubernetesClient client(String userAgent) {
        return client(userAgent, UnaryOperator.identity());
    }

    /** A new client with changed settings, e.g. {@code b -> b.withRequestRetryBackoffLimit(0)}. */
    public KubernetesClient client(String userAgent, UnaryOperator<ConfigBuilder> settings) {
        Config config = settings.apply(new ConfigBuilder(baseConfig).withUserAgent(userAgent).withRequestTimeout(10_000)
                .withNamespace("default")).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The client that tests use to act as a user ({@code kubectl apply}, reading objects). */
    public KubernetesClient adminClient() {
        return admin;
    }

    public RequestLog requests() {
        return log;
    }

    public Faults faults() {
        return faults;
    }

    /** The server's URL, e.g. for the sandbox's {@code kubernetes.master}. */
    public String url() {
        return server.url("/");
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
