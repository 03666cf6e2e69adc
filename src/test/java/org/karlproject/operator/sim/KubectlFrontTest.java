package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;

/**
 * The sandbox's front, driven by a plain HTTP client doing what kubectl does: {@code kubectl get -w} (a list,
 * then a watch from its resourceVersion, one JSON event per line) and {@code kubectl describe}'s Events
 * (a list by {@code involvedObject} field selector).
 */
class KubectlFrontTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final ApiServer server = ApiServer.start();
    final KubectlFront front = KubectlFront.start(server.url(), 0);
    final KubernetesClient admin = server.adminClient();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<InputStream> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (InputStream in : open) {
            in.close();
        }
        front.close();
        server.close();
    }

    String base() {
        return front.url().replaceAll("/$", "");
    }

    JsonNode get(String path, String accept) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Opens a watch and returns its lines as they arrive. */
    BlockingQueue<JsonNode> watch(String path, String accept) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        open.add(r.body());
        BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(JSON.readTree(line));
                }
            } catch (Exception closed) {
                // the test ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    void createSite(String name) {
        KarlSite site = new KarlSite();
        site.getMetadata().setName(name);
        site.getMetadata().setNamespace("karl-acme");
        site.setSpec(new org.karlproject.operator.api.site.KarlSiteSpec());
        site.getSpec().setRelease("acme-3-30");
        site.getSpec().setDatabase("acme-" + name);
        admin.resources(KarlSite.class).resource(site).create();
    }

    @Test
    void kubectlGetWatchListsThenStreamsOnlyTheChangesSinceTheList() throws Exception {
        createSite("acme-staging");
        String path = "/apis/deploy.karlproject.org/v1alpha1/namespaces/karl-acme/karlsites";
        JsonNode list = get(path + "?limit=500", "application/json");
        String version = list.at("/metadata/resourceVersion").asText();
        assertEquals(1, list.get("items").size());

        BlockingQueue<JsonNode> events = watch(path + "?resourceVersion=" + version + "&watch=true", "application/json");
        admin.resources(KarlSite.class).inNamespace("karl-acme").withName("acme-staging")
                .edit(s -> { s.getSpec().setRelease("acme-3-31"); return s; });

        JsonNode first = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no event after the change");
        assertEquals("MODIFIED", first.get("type").asText(), "the existing site is not replayed as ADDED: " + first);
        assertEquals("acme-3-31", first.at("/object/spec/release").asText());

        createSite("acme-production");
        assertAdded(events, "acme-production");
    }

    static void assertAdded(BlockingQueue<JsonNode> events, String name) throws InterruptedException {
        JsonNode added = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(added, "no event");
        assertEquals("ADDED", added.get("type").asText(), added::toString);
        assertEquals(name, added.at("/object/metadata/name").asText());
    }

    @Test
    void aWatchWithoutVersionAndWatchOneStartWithEveryObjectAsAdded() throws Exception {
        createSite("acme-staging");
        assertAdded(watch("/apis/deploy.karlproject.org/v1alpha1/karlsites?watch=1", "application/json"), "acme-staging");
    }

    @Test
    void kubectlAsksForTablesAndGetsTheCrdsColumnsInTheListAndInEachWatchEvent() throws Exception {
        createSite("acme-staging");
        String accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        String path = "/apis/deploy.karlproject.org/v1alpha1/namespaces/karl-acme/karlsites";
        JsonNode table = get(path + "?limit=500", accept);
        assertEquals("Table", table.get("kind").asText());
        String version = table.at("/metadata/resourceVersion").asText();
        assertTrue(!version.isEmpty(), "a Table list carries the list's resourceVersion: " + table);

        BlockingQueue<JsonNode> events = watch(path + "?resourceVersion=" + version + "&watch=true", accept);
        admin.resources(KarlSite.class).inNamespace("karl-acme").withName("acme-staging").editStatus(s -> {
            s.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
            s.getStatus().setActiveRelease("acme-3-31");
            return s;
        });
        JsonNode event = events.poll(10, TimeUnit.SECONDS);
        assertEquals("MODIFIED", event.get("type").asText());
        assertEquals("Table", event.at("/object/kind").asText());
        assertEquals("acme-staging", event.at("/object/rows/0/cells/0").asText());
        assertEquals("acme-3-31", event.at("/object/rows/0/cells/1").asText(), event.toString());
    }

    @Test
    void describesEventsQueryByInvolvedObjectGetsOnlyThatObjectsEvents() throws Exception {
        admin.configMaps().inNamespace("karl-acme").resource(new ConfigMapBuilder().withNewMetadata().withName("x")
                .endMetadata().build()).create();
        for (Map.Entry<String, String> e : Map.of("e1", "acme-staging", "e2", "acme-production").entrySet()) {
            admin.v1().events().inNamespace("karl-acme").resource(new EventBuilder().withNewMetadata().withName(e.getKey())
                    .endMetadata().withReason("Reconciling").withNewInvolvedObject().withName(e.getValue()).withKind("KarlSite")
                    .withNamespace("karl-acme").withUid("uid-" + e.getValue()).endInvolvedObject().build()).create();
        }
        String selector = URLEncoder.encode("involvedObject.name=acme-staging,involvedObject.namespace=karl-acme,"
                + "involvedObject.kind=KarlSite,involvedObject.uid=uid-acme-staging", StandardCharsets.UTF_8);
        JsonNode events = get("/api/v1/namespaces/karl-acme/events?fieldSelector=" + selector + "&limit=500", "application/json");
        assertEquals(1, events.get("items").size(), events.toString());
        assertEquals("EventList", events.get("kind").asText(), "what kubectl's typed client decodes");
        assertEquals("e1", events.at("/items/0/metadata/name").asText());

        JsonNode other = get("/api/v1/namespaces/karl-acme/events?fieldSelector="
                + URLEncoder.encode("involvedObject.name!=acme-staging", StandardCharsets.UTF_8), "application/json");
        assertEquals("e2", other.at("/items/0/metadata/name").asText());
        assertEquals(1, other.get("items").size());

        JsonNode byName = get("/api/v1/namespaces/karl-acme/configmaps?fieldSelector=metadata.name%3Dx", "application/json");
        assertEquals(1, byName.get("items").size());
    }

    @Test
    void writesGoThroughTheFront() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/namespaces/karl-acme/configmaps"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"y\"}}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(created.statusCode() < 300, created.body());
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/namespaces/karl-acme/configmaps/y"))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"k\":\"v\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(patched.statusCode() < 300, patched.body());
        assertEquals("v", admin.configMaps().inNamespace("karl-acme").withName("y").get().getData().get("k"));
    }
}
