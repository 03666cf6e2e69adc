package org.karlproject.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The printer columns a CRD declares, evaluated the way {@code kubectl get} shows them, so the sandbox's
 * table has exactly the CRDs' columns. Supports the JSONPath forms the CRDs use: {@code .a.b.c} and
 * {@code .a[?(@.key=="value")].b}.
 */
public final class PrinterColumns {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FILTER = Pattern.compile("(\\w+)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\]");

    /** One column: its header and JSONPath, and whether it holds a date (shown as an age). */
    public record Column(String name, String jsonPath, boolean date) {
    }

    private final String kind;
    private final String plural;
    private final List<Column> columns;

    private PrinterColumns(String kind, String plural, List<Column> columns) {
        this.kind = kind;
        this.plural = plural;
        this.columns = columns;
    }

    /** The columns of the CRD in the jar for {@code plural} (e.g. {@code karlsites}). */
    public static PrinterColumns of(String plural) {
        String path = "META-INF/karl-operator/crds/" + plural + ".deploy.karlproject.org-v1.yml";
        try (InputStream in = PrinterColumns.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no CRD in the jar at " + path);
            }
            JsonNode crd = YAML.readTree(in);
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : crd.at("/spec/versions/0/additionalPrinterColumns")) {
                columns.add(new Column(c.get("name").asText(), c.get("jsonPath").asText(),
                        "date".equals(c.path("type").asText())));
            }
            return new PrinterColumns(crd.at("/spec/names/kind").asText(), plural, List.copyOf(columns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The row for one object: NAME then each column's value ({@code <none>}-free: empty when absent). */
    public List<String> row(JsonNode object, Instant now) {
        List<String> row = new ArrayList<>();
        row.add(object.at("/metadata/name").asText());
        for (Column column : columns) {
            JsonNode value = evaluate(object, column.jsonPath());
            String text = value == null || value.isNull() || value.isMissingNode() ? ""
                    : value.isValueNode() ? value.asText() : value.toString();
            row.add(column.date() && !text.isEmpty() ? age(Instant.parse(text), now) : text);
        }
        return row;
    }

    static JsonNode evaluate(JsonNode node, String jsonPath) {
        JsonNode current = node;
        for (String part : jsonPath.substring(1).split("\\.(?![^\\[]*\\])")) {
            if (current == null) {
                return null;
            }
            Matcher filter = FILTER.matcher(part);
            if (filter.matches()) {
                JsonNode match = null;
                for (JsonNode item : current.path(filter.group(1))) {
                    if (filter.group(3).equals(item.path(filter.group(2)).asText())) {
                        match = item;
                        break;
                    }
                }
                current = match;
            } else {
                current = current.get(part);
            }
        }
        return current;
    }

    /** kubectl's short age: 42s, 5m, 3h, 2d. */
    static String age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toSeconds() < 120) {
            return Math.max(0, d.toSeconds()) + "s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + "m";
        }
        return d.toHours() < 48 ? d.toHours() + "h" : d.toDays() + "d";
    }
}
