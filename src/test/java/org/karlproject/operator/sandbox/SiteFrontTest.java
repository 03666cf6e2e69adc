package org.karlproject.operator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.site.rollout.Selectors;

/** The sandbox's front door: the Host header, through the Ingress and the stable Service, to the serving release. */
class SiteFrontTest {

    static final String NS = "karl-acme";
    final ApiServer server = ApiServer.start();
    final KubernetesClient client = server.adminClient();

    @AfterEach
    void close() {
        server.close();
    }

    static Deployment release(String release, String revision) {
        Map<String, String> labels = Map.of(Labels.SITE, "acme", Labels.RELEASE, release, Selectors.REVISION, revision);
        return new DeploymentBuilder().withNewMetadata().withName("acme-" + release + "-" + revision).withNamespace(NS)
                .withLabels(labels).endMetadata().withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("karl").withImage("karl").endContainer().endSpec().endTemplate().endSpec().build();
    }

    void select(Map<String, String> selector) {
        var existing = client.services().inNamespace(NS).withName("acme").get();
        if (existing == null) {
            client.resource(new ServiceBuilder().withNewMetadata().withName("acme").withNamespace(NS).endMetadata()
                    .withNewSpec().withSelector(selector).addNewPort().withPort(80).endPort().endSpec().build()).create();
        } else {
            client.resource(existing).edit(s -> {
                s.getSpec().setSelector(selector);
                return s;
            });
        }
    }

    @Test
    void theHostNameReachesTheReleaseTheStableServiceSelectsBeforeAndAfterASwitch() throws Exception {
        client.resource(release("karl-3-30", "aaaa1111")).create();
        client.resource(release("karl-3-31", "bbbb2222")).create();
        client.resource(new IngressBuilder().withNewMetadata().withName("acme").withNamespace(NS).endMetadata()
                .withNewSpec().addNewRule().withHost("karl.acme.example").withNewHttp().addNewPath().withPath("/")
                .withPathType("Prefix").withNewBackend().withNewService().withName("acme").withNewPort()
                .withName("http").endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build())
                .create();
        select(Selectors.revision("acme", "aaaa1111"));

        try (SiteFront front = SiteFront.start(client, 0)) {
            String before = get(front.port(), "karl.acme.example");
            assertTrue(before.startsWith("HTTP/1.1 200"), before);
            assertTrue(before.contains("release karl-3-30, revision aaaa1111"), before);

            select(Selectors.revision("acme", "bbbb2222")); // the switch: the stable Service's selector
            assertTrue(get(front.port(), "karl.acme.example:8081").contains("release karl-3-31, revision bbbb2222"));

            select(Selectors.maintenance("acme"));
            assertTrue(get(front.port(), "karl.acme.example").contains("maintenance page of KarlSite acme"));

            assertTrue(get(front.port(), "nobody.example").startsWith("HTTP/1.1 404"));
        }
        assertEquals(404, SiteFront.resolve(client, "other.example").status());
    }

    /** A plain HTTP/1.1 GET with this Host header (the JDK's HttpClient does not let one set it). */
    static String get(int port, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                return in.lines().collect(Collectors.joining("\n"));
            }
        }
    }
}
