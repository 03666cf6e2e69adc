package org.karlproject.operator.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Renders the reference page of one kind ({@code docs/reference/<kind>.md}) from its committed CRD in
 * {@code crds/} and one example from {@code samples/}. The output depends only on those files: properties
 * are sorted by name, and nothing else varies. {@code ReferenceDocsTest} keeps the committed pages in sync.
 */
public final class ReferenceDocs {

    /** One documented kind: its CRD file, the sample shown as its example, and a one-line summary. */
    public record Kind(String name, String crdFile, String sampleFile, String summary) {
        public String page() {
            return name.toLowerCase() + ".md";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<Kind> KINDS = List.of(
            new Kind("ReleaseIndex", "releaseindexes.deploy.karlproject.org-v1.yml", "40-release-karl-3-31.yaml",
                    "One immutable, pinned release: exact packages with sha256, an image by digest, the evolve "
                            + "generations its code expects."),
            new Kind("ZeoDatabase", "zeodatabases.deploy.karlproject.org-v1.yml", "20-database-acme-production.yaml",
                    "A ZEO server split from the application: its volume, backups, read-only mode and data safety."),
            new Kind("KarlSite", "karlsites.deploy.karlproject.org-v1.yml", "31-site-acme-production.yaml",
                    "One customer site in one environment: which release runs, how releases roll out, roll back "
                            + "and are promoted."),
            new Kind("EvolveRun", "evolveruns.deploy.karlproject.org-v1.yml",
                    "50-evolverun-acme-production-rehearsal.yaml",
                    "One database migration, run on a restored copy and switched to atomically, never on live data."),
            new Kind("ReleaseTrain", "releasetrains.deploy.karlproject.org-v1.yml", "60-train-karl-3-31.yaml",
                    "One karl version through every customer: staging first, production as a canary and waves "
                            + "with a bake, halted by a failure budget."));

    public static final String REFRESH = "mvn -B test -Dtest=ReferenceDocsTest -Dkarl.docs.update=true";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;

    /** @param root the repository root, holding {@code crds/} and {@code samples/} */
    public ReferenceDocs(Path root) {
        this.root = root;
    }

    public String render(Kind kind) {
        JsonNode crd = read(root.resolve("crds").resolve(kind.crdFile()));
        JsonNode names = crd.at("/spec/names");
        JsonNode version = crd.at("/spec/versions/0");
        JsonNode schema = version.at("/schema/openAPIV3Schema");
        String apiVersion = crd.at("/spec/group").asText() + "/" + version.get("name").asText();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(kind.name()).append("\n\n");
        md.append("<!-- Generated from crds/").append(kind.crdFile()).append(" and samples/")
                .append(kind.sampleFile()).append(" by ReferenceDocs; do not edit. Refresh: ").append(REFRESH)
                .append(" -->\n\n");
        md.append(kind.summary()).append(" See [concepts](../concepts.md).\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| apiVersion | `").append(apiVersion).append("` |\n");
        md.append("| kind | `").append(names.path("kind").asText()).append("` |\n");
        md.append("| plural | `").append(names.path("plural").asText()).append("` |\n");
        md.append("| short names | ").append(codeList(names.path("shortNames"))).append(" |\n");
        md.append("| categories | ").append(codeList(names.path("categories"))).append(" |\n");
        md.append("| scope | ").append(crd.at("/spec/scope").asText()).append(" |\n");
        md.append("| status subresource | ").append(version.at("/subresources/status").isObject() ? "yes" : "no")
                .append(" |\n\n");

        md.append("## Printer columns\n\n`kubectl get ").append(names.path("plural").asText())
                .append("` shows these; `-o wide` adds the priority 1 ones.\n\n");
        md.append("| Name | JSON path | Type | Priority |\n| --- | --- | --- | --- |\n");
        for (JsonNode column : version.path("additionalPrinterColumns")) {
            md.append("| ").append(column.path("name").asText()).append(" | ").append(code(column.path("jsonPath")
                    .asText())).append(" | ").append(column.path("type").asText()).append(" | ")
                    .append(column.path("priority").asInt()).append(" |\n");
        }

        md.append("\n## Spec\n\n");
        fieldTable(md, schema.at("/properties/spec"), "spec", true);
        md.append("\n## Validation rules\n\nCEL rules (`x-kubernetes-validations`) the API server evaluates on "
                + "create and update, besides the constraints above. Rules the schema cannot express (such as "
                + "cron syntax or references to other objects) are checked by the operator, which reports a "
                + "violation as `Stalled=True` naming the field, and by the offline `validate` command.\n\n");
        List<String[]> rules = new ArrayList<>();
        collectRules(schema, "", rules);
        if (rules.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| On | Rule | Message | Reported at |\n| --- | --- | --- | --- |\n");
            rules.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        }
        md.append("\n## Status\n\nWritten by the operator only.\n\n");
        fieldTable(md, schema.at("/properties/status"), "status", false);

        md.append("\n## Example\n\nFrom [samples/").append(kind.sampleFile()).append("](../../samples/")
                .append(kind.sampleFile()).append("):\n\n```yaml\n")
                .append(readString(root.resolve("samples").resolve(kind.sampleFile())).stripTrailing())
                .append("\n```\n");
        return md.toString();
    }

    /** A table of every field below {@code object}; {@code input} adds the Required and Default columns. */
    private static void fieldTable(StringBuilder md, JsonNode object, String path, boolean input) {
        md.append(input ? "| Field | Type | Required | Default | Constraints | Description |\n"
                + "| --- | --- | --- | --- | --- | --- |\n"
                : "| Field | Type | Constraints | Description |\n| --- | --- | --- | --- |\n");
        fields(md, object, path, input);
    }

    /** One row per property below {@code object}, depth first, properties sorted by name. */
    private static void fields(StringBuilder md, JsonNode object, String path, boolean input) {
        TreeSet<String> required = new TreeSet<>();
        object.path("required").forEach(r -> required.add(r.asText()));
        for (String name : sortedNames(object.path("properties"))) {
            JsonNode field = object.path("properties").get(name);
            String fieldPath = path + "." + name;
            md.append("| ").append(code(fieldPath)).append(" | ").append(type(field)).append(" | ");
            if (input) {
                md.append(required.contains(name) ? "yes" : "").append(" | ")
                        .append(field.has("default") ? code(field.get("default").asText()) : "").append(" | ");
            }
            md.append(constraints(field)).append(" | ")
                    .append(cell(field.path("description").asText())).append(" |\n");
            if (field.has("properties")) {
                fields(md, field, fieldPath, input);
            } else if (field.path("items").has("properties")) {
                fields(md, field.get("items"), fieldPath + "[]", input);
            }
        }
    }

    private static String type(JsonNode field) {
        if (field.path("x-kubernetes-int-or-string").asBoolean()) {
            return "int-or-string";
        }
        String type = field.path("type").asText();
        if (type.equals("array")) {
            return "[]" + type(field.path("items"));
        }
        if (type.equals("object") && field.has("additionalProperties")) {
            return "map[string]" + type(field.get("additionalProperties"));
        }
        return field.has("format") ? type + " (" + field.get("format").asText() + ")" : type;
    }

    private static String constraints(JsonNode field) {
        List<String> parts = new ArrayList<>();
        if (field.has("enum")) {
            parts.add("one of " + codeList(field.get("enum")));
        }
        range(parts, "value", field, "minimum", "maximum");
        range(parts, "length", field, "minLength", "maxLength");
        range(parts, "items", field, "minItems", "maxItems");
        if (field.has("pattern")) {
            parts.add("pattern " + code(field.get("pattern").asText()));
        }
        JsonNode items = field.path("items");
        if (!items.has("properties") && (items.has("pattern") || items.has("enum") || items.has("maxLength"))) {
            parts.add("each item: " + constraints(items));
        }
        return String.join("; ", parts);
    }

    private static void range(List<String> parts, String what, JsonNode field, String min, String max) {
        if (field.has(min) && field.has(max)) {
            parts.add(what + " " + number(field.get(min)) + " to " + number(field.get(max)));
        } else if (field.has(min)) {
            parts.add(what + " at least " + number(field.get(min)));
        } else if (field.has(max)) {
            parts.add(what + " at most " + number(field.get(max)));
        }
    }

    private static void collectRules(JsonNode schema, String path, List<String[]> rules) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String on = path.isEmpty() ? "(resource)" : path;
            String at = rule.has("fieldPath") ? (path + rule.get("fieldPath").asText()).replaceFirst("^\\.", "") : on;
            rules.add(new String[] {code(on), code(rule.path("rule").asText()), cell(rule.path("message").asText()),
                    code(at)});
        }
        for (String name : sortedNames(schema.path("properties"))) {
            collectRules(schema.get("properties").get(name), path.isEmpty() ? name : path + "." + name, rules);
        }
        if (schema.has("items")) {
            collectRules(schema.get("items"), path + "[]", rules);
        }
    }

    private static List<String> sortedNames(JsonNode properties) {
        TreeSet<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    private static String number(JsonNode value) {
        return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
    }

    private static String codeList(JsonNode values) {
        return String.join(", ", StreamSupport.stream(values.spliterator(), false)
                .map(v -> code(v.asText())).sorted().toList());
    }

    /** A code span inside a table cell: pipes escaped (GitHub Markdown), backticks never occur in the CRDs. */
    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }

    /** Plain text inside a table cell: no line breaks, and nothing Markdown would read as a tag or emphasis. */
    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*").strip();
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
