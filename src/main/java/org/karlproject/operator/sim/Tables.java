package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karlproject.operator.api.Api;

/**
 * Server-side printing for the four kinds, which the mock server does not do: when kubectl asks for a
 * {@code Table} ({@code Accept: ...;as=Table}), the list or object the mock returned is turned into the
 * table a real API server would build from the CRD's printer columns, so {@code kubectl get karlsites}
 * shows ACTIVE, TARGET, PHASE... and not only NAME and AGE.
 */
final class Tables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KARL_PATH = Pattern.compile(
            "/apis/" + Pattern.quote(Api.GROUP) + "/" + Api.VERSION + "(?:/namespaces/[^/]+)?/([a-z]+)(?:/[^/]+)?");

    private Tables() {
    }

    /** Whether a request asks for a Table of one of the four kinds. */
    static Optional<String> pluralIfTable(String method, String path, String accept) {
        if (!"GET".equals(method) || accept == null || !accept.contains("as=Table") || path.contains("watch=")) {
            return Optional.empty();
        }
        Matcher m = KARL_PATH.matcher(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The Table for a list (or a single object) of {@code plural}. */
    static String table(String plural, String body, Instant now) {
        PrinterColumns columns = PrinterColumns.of(plural);
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name").put("priority", 0)
                .put("description", "the object's name");
        for (PrinterColumns.Column c : columns.columns()) {
            definitions.addObject().put("name", c.name()).put("type", "date".equals(c.type()) ? "string" : c.type())
                    .put("format", "").put("priority", c.priority()).put("description", c.jsonPath());
        }
        ArrayNode rows = table.putArray("rows");
        try {
            JsonNode response = JSON.readTree(body);
            List<JsonNode> items = response.has("items") ? iterate(response.get("items")) : List.of(response);
            JsonNode version = response.path("metadata").path("resourceVersion");
            if (version.isTextual()) {
                // kubectl get -w watches from the list's version
                ((ObjectNode) table.get("metadata")).put("resourceVersion", version.asText());
            }
            for (JsonNode item : items) {
                ObjectNode row = rows.addObject();
                ArrayNode cells = row.putArray("cells");
                columns.row(item, now).forEach(cells::add);
                ObjectNode object = row.putObject("object");
                object.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
                object.set("metadata", item.get("metadata"));
            }
        } catch (java.io.IOException e) {
            return body;
        }
        return table.toString();
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
