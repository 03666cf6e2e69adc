package org.karlproject.operator.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.site.rollout.Selectors;

/**
 * The sandbox's front door on loopback: answers HTTP for a site's host names as an ingress controller
 * would route them, following the Ingress that routes the {@code Host:} header to its Service, the
 * Service's selector to the pods it selects now, and answering with a page that names the serving release
 * and revision (or the maintenance page). {@code curl -H 'Host: karl.acme.example' http://127.0.0.1:PORT/}
 * shows which release serves, before and after a switch. Reads only; never writes.
 */
final class SiteFront implements AutoCloseable {

    /** What a request for a host reaches: an HTTP status and the page. */
    record Answer(int status, String page) {
    }

    private final HttpServer server;

    private SiteFront(HttpServer server) {
        this.server = server;
    }

    /** Serves on 127.0.0.1:{@code port} (0: any free port). */
    static SiteFront start(KubernetesClient client, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", exchange -> {
                Answer answer = resolve(client, Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                        .orElse(""));
                byte[] body = answer.page().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new SiteFront(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The answer for {@code host} (a port after it is ignored), from the objects as the API server has them. */
    static Answer resolve(KubernetesClient client, String host) {
        String name = host.replaceFirst(":\\d+$", "").toLowerCase(java.util.Locale.ROOT);
        for (Ingress ingress : client.network().v1().ingresses().inAnyNamespace().list().getItems()) {
            for (IngressRule rule : Optional.ofNullable(ingress.getSpec().getRules()).orElse(java.util.List.of())) {
                if (name.equals(rule.getHost()) && rule.getHttp() != null && !rule.getHttp().getPaths().isEmpty()) {
                    String namespace = ingress.getMetadata().getNamespace();
                    String service = rule.getHttp().getPaths().get(0).getBackend().getService().getName();
                    return serve(client, namespace, service, "Ingress " + namespace + "/" + ingress.getMetadata()
                            .getName() + " -> Service " + service);
                }
            }
        }
        return new Answer(404, "no route for host " + name + " (no Ingress has a rule for it)\n");
    }

    private static Answer serve(KubernetesClient client, String namespace, String serviceName, String via) {
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        if (service == null || service.getSpec().getSelector() == null) {
            return new Answer(503, "503: " + via + " does not exist yet\n");
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (Selectors.MAINTENANCE_COMPONENT.equals(selector.get(Labels.COMPONENT))) {
            return new Answer(503, "maintenance page of KarlSite " + selector.get(Labels.SITE) + " (" + via + ")\n");
        }
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> selects(selector, d)).findFirst()
                .map(d -> new Answer(200, "KarlSite " + selector.get(Labels.SITE) + ": release "
                        + d.getMetadata().getLabels().get(Labels.RELEASE) + ", revision "
                        + d.getMetadata().getLabels().get(Selectors.REVISION) + " (Deployment "
                        + d.getMetadata().getName() + ", via " + via + ")\n"))
                .orElse(new Answer(503, "503: no pods selected by " + via + "\n"));
    }

    private static boolean selects(Map<String, String> selector, Deployment d) {
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
