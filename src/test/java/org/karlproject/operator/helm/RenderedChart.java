package org.karlproject.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The manifests {@code helm template} renders from helm/karl-operator, parsed with Jackson YAML. */
record RenderedChart(List<JsonNode> objects) {

    static final Path CHART = Path.of("helm", "karl-operator");
    static final String RELEASE = "karl";
    static final String NAMESPACE = "karl-system";
    /** Helm's built-in default (1.20) is older than the chart's kubeVersion; render for a current cluster. */
    static final String KUBE_VERSION = "1.31.0";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Renders the templates with {@code values} set on top of values.yaml (CRDs: see ChartCrdsTest). */
    static RenderedChart render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values.forEach(template::set);
        return parse(template.call());
    }

    static RenderedChart parse(String manifests) {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifests)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode object = it.next();
                if (object != null && object.isObject()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("helm template rendered invalid YAML:\n" + manifests, e);
        }
        return new RenderedChart(objects);
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    List<JsonNode> where(Predicate<JsonNode> filter) {
        return objects.stream().filter(filter).toList();
    }

    /** The one object of {@code kind}; fails when there is none or more than one. */
    JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertEquals(1, found.size(), "exactly one " + kind);
        return found.get(0);
    }

    JsonNode operatorContainer() {
        return single("Deployment").at("/spec/template/spec/containers/0");
    }

    /** The operator container's environment variable {@code name}, or null when unset. */
    String env(String name) {
        for (JsonNode env : operatorContainer().path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText();
            }
        }
        return null;
    }

    /** Every rule of every Role and ClusterRole. */
    List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        where(o -> o.path("kind").asText().endsWith("Role")).forEach(role -> role.path("rules").forEach(rules::add));
        return rules;
    }
}
