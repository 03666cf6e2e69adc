package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What kubectl needs from the embedded server beyond CRUD: discovery and server-side tables. */
class KubectlSupportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final Discovery discovery = new Discovery();

    @Test
    void discoveryListsTheKarlGroupWithShortNamesAndTheKarlCategory() throws Exception {
        JsonNode groups = JSON.readTree(discovery.answer("/apis").orElseThrow());
        List<String> names = new ArrayList<>();
        groups.get("groups").forEach(g -> names.add(g.get("name").asText()));
        assertTrue(names.containsAll(List.of("deploy.karlproject.org", "apps", "batch", "snapshot.storage.k8s.io")), names.toString());

        JsonNode karl = JSON.readTree(discovery.answer("/apis/deploy.karlproject.org/v1alpha1").orElseThrow());
        JsonNode sites = null;
        for (JsonNode r : karl.get("resources")) {
            if (r.get("name").asText().equals("karlsites")) {
                sites = r;
            }
        }
        assertEquals("KarlSite", sites.get("kind").asText());
        assertEquals("ks", sites.get("shortNames").get(0).asText());
        assertEquals("karl", sites.get("categories").get(0).asText());
        assertTrue(discovery.answer("/api/v1").orElseThrow().contains("\"configmaps\""));
        assertEquals(Optional.empty(), discovery.answer("/apis/deploy.karlproject.org/v1alpha1/namespaces/x/karlsites"));
    }

    @Test
    void aTableRequestForKarlSitesGetsTheCrdsColumns() throws Exception {
        String path = "/apis/deploy.karlproject.org/v1alpha1/namespaces/karl-acme/karlsites?limit=500";
        assertEquals(Optional.of("karlsites"), Tables.pluralIfTable("GET", path, "application/json;as=Table;v=v1;g=meta.k8s.io"));
        assertEquals(Optional.empty(), Tables.pluralIfTable("GET", path, "application/json"));
        assertEquals(Optional.empty(), Tables.pluralIfTable("GET", "/api/v1/namespaces/x/pods", "application/json;as=Table"));

        String list = """
                {"kind": "KarlSiteList", "items": [{"metadata": {"name": "acme-staging", "namespace": "karl-acme",
                  "creationTimestamp": "2026-11-29T10:00:00Z"},
                  "status": {"activeRelease": "acme-3-31", "phase": "Stable", "mode": "Normal",
                             "conditions": [{"type": "Ready", "status": "True"}]}}]}
                """;
        JsonNode table = JSON.readTree(Tables.table("karlsites", list, Instant.parse("2026-11-29T10:00:42Z")));
        assertEquals("Table", table.get("kind").asText());
        List<String> headers = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> headers.add(c.get("name").asText()));
        assertEquals(List.of("Name", "Active", "Target", "Phase", "Mode", "Ready", "Age"), headers);
        List<String> cells = new ArrayList<>();
        table.at("/rows/0/cells").forEach(c -> cells.add(c.asText()));
        assertEquals(List.of("acme-staging", "acme-3-31", "", "Stable", "Normal", "True", "42s"), cells);
        assertEquals("karl-acme", table.at("/rows/0/object/metadata/namespace").asText());
    }
}
