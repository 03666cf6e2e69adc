package org.karlproject.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.k8s.RestrictedProfile;

/** The chart lints strictly and renders what issue 9 asks for, with default and non-default values. */
class HelmChartTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final RenderedChart DEFAULTS = RenderedChart.render(Map.of());
    static final RenderedChart CUSTOM = RenderedChart.render(Map.of(
            "watchNamespaces[0]", "team-a",
            "watchNamespaces[1]", "team-b",
            "image.digest", DIGEST,
            "replicas", 2,
            "metrics.serviceMonitor.enabled", true,
            "podDisruptionBudget.enabled", true,
            "mallocArenaMax", ""));

    /** Values that are Kubernetes objects, passed through as they are: their fields are Kubernetes' own. */
    static final Set<String> KUBERNETES_OBJECTS = Set.of("resources", "podSecurityContext", "securityContext");

    @Test
    void everyValueIsDocumentedInValuesYaml() throws IOException {
        List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
        List<String> path = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = Pattern.compile("^( *)([A-Za-z][A-Za-z0-9]*):").matcher(lines.get(i));
            if (!key.find()) {
                continue;
            }
            int depth = key.group(1).length() / 2;
            path.subList(Math.min(depth, path.size()), path.size()).clear();
            path.add(key.group(2));
            if (depth > 0 && KUBERNETES_OBJECTS.contains(path.get(0))) {
                continue;
            }
            String above = i > 0 ? lines.get(i - 1).trim() : "";
            assertTrue(above.startsWith("#"), "values.yaml line " + (i + 1) + ": " + String.join(".", path)
                    + " has no comment above it");
        }
    }

    @Test
    void lintsStrictly() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void operatorPodMeetsTheRestrictedProfileWithAReadOnlyRoot() {
        for (RenderedChart chart : List.of(DEFAULTS, CUSTOM)) {
            JsonNode container = chart.operatorContainer();
            JsonNode pod = chart.single("Deployment").at("/spec/template/spec");
            assertEquals(true, container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
            assertEquals(true, pod.at("/securityContext/runAsNonRoot").asBoolean());
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
            assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
            assertTrue(pod.at("/volumes/0/emptyDir").isObject(), "/tmp is an emptyDir");
        }
        // The shared checker also insists on an image pinned by digest, as with these values.
        RestrictedProfile.assertRestricted(RenderedChart.YAML.convertValue(
                CUSTOM.single("Deployment").at("/spec/template/spec"), PodSpec.class));
    }

    @Test
    void probesUseTheHealthEndpointsAndResourcesAreSet() {
        JsonNode container = DEFAULTS.operatorContainer();
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("http", container.at("/readinessProbe/httpGet/port").asText());
        assertTrue(container.at("/resources/requests/memory").isTextual());
        assertTrue(container.at("/resources/limits/memory").isTextual());
    }

    @Test
    void imageIsByTagByDefaultAndByDigestWhenOneIsGiven() {
        assertEquals("ghcr.io/karlproject/karl-operator:0.1.0-SNAPSHOT", DEFAULTS.operatorContainer().path("image").asText());
        assertEquals("ghcr.io/karlproject/karl-operator@" + DIGEST, CUSTOM.operatorContainer().path("image").asText());
    }

    @Test
    void theJvmGetsTheMeasuredMemoryDefaultsAndMallocArenasOnlyWhenSet() {
        assertEquals("2", DEFAULTS.env("MALLOC_ARENA_MAX"), "glibc arenas capped by default (docs/install.md)");
        assertNull(CUSTOM.env("MALLOC_ARENA_MAX"), "empty: glibc's default");
        assertTrue(DEFAULTS.env("JAVA_OPTS_APPEND").contains("-XX:MaxHeapFreeRatio="), DEFAULTS.env("JAVA_OPTS_APPEND"));
    }

    @Test
    void replicasFollowTheValue() {
        assertEquals(1, DEFAULTS.single("Deployment").at("/spec/replicas").asInt());
        assertEquals(2, CUSTOM.single("Deployment").at("/spec/replicas").asInt());
    }

    @Test
    void byDefaultTheOperatorWatchesAllNamespacesWithAClusterRole() {
        JsonNode binding = DEFAULTS.single("ClusterRoleBinding");
        assertEquals(DEFAULTS.single("ClusterRole").at("/metadata/name").asText(), binding.at("/roleRef/name").asText());
        assertEquals("karl-system", binding.at("/subjects/0/namespace").asText());
        assertNull(DEFAULTS.env("QUARKUS_OPERATOR_SDK_NAMESPACES"), "no namespace list: all namespaces");
        assertEquals(Set.of("karl-system"), namespacesOf(DEFAULTS.ofKind("Role")), "only the leader-election Role");
    }

    @Test
    void withWatchNamespacesTheRulesAreRolesInThoseNamespacesOnly() {
        assertTrue(CUSTOM.ofKind("ClusterRole").isEmpty());
        assertTrue(CUSTOM.ofKind("ClusterRoleBinding").isEmpty());
        List<JsonNode> operatorRoles = CUSTOM.where(o -> o.path("kind").asText().equals("Role")
                && !o.at("/metadata/name").asText().endsWith("-leader-election"));
        assertEquals(Set.of("team-a", "team-b"), namespacesOf(operatorRoles));
        assertEquals(Set.of("team-a", "team-b", "karl-system"), namespacesOf(CUSTOM.ofKind("RoleBinding")));
        assertEquals("team-a,team-b", CUSTOM.env("QUARKUS_OPERATOR_SDK_NAMESPACES"));
        // Same rules in every namespace mode as cluster-wide.
        assertEquals(DEFAULTS.single("ClusterRole").path("rules"), operatorRoles.get(0).path("rules"));
    }

    @Test
    void noRuleHoldsAWildcard() {
        for (RenderedChart chart : List.of(DEFAULTS, CUSTOM)) {
            for (JsonNode rule : chart.rules()) {
                for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                    rule.path(field).forEach(value -> assertFalse(value.asText().contains("*"), field + " in " + rule));
                }
                assertTrue(rule.path("verbs").size() > 0, "verbs in " + rule);
            }
        }
    }

    @Test
    void theRulesCoverWhatTheOperatorManages() {
        Set<String> granted = DEFAULTS.rules().stream()
                .flatMap(rule -> StreamSupport.stream(rule.path("resources").spliterator(), false)
                        .map(resource -> rule.path("apiGroups").get(0).asText() + "/" + resource.asText()))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String kind : List.of("releaseindexes", "zeodatabases", "karlsites", "evolveruns")) {
            for (String suffix : List.of("", "/status", "/finalizers")) {
                assertTrue(granted.contains("deploy.karlproject.org/" + kind + suffix), kind + suffix);
            }
        }
        for (String resource : List.of("apps/deployments", "/services", "/configmaps", "/persistentvolumeclaims",
                "/events", "batch/jobs", "batch/cronjobs", "networking.k8s.io/networkpolicies",
                "snapshot.storage.k8s.io/volumesnapshots", "coordination.k8s.io/leases")) {
            assertTrue(granted.contains(resource), resource + " in " + granted);
        }
    }

    @Test
    void leaderElectionHasItsLeaseRuleAndTheOperatorIsTold() {
        for (RenderedChart chart : List.of(DEFAULTS, CUSTOM)) {
            JsonNode role = chart.where(o -> o.at("/metadata/name").asText().equals("karl-karl-operator-leader-election")
                    && o.path("kind").asText().equals("Role")).get(0);
            assertEquals("karl-system", role.at("/metadata/namespace").asText());
            assertEquals("coordination.k8s.io", role.at("/rules/0/apiGroups/0").asText());
            assertEquals("leases", role.at("/rules/0/resources/0").asText());
            assertEquals("karl-karl-operator", role.at("/rules/1/resourceNames/0").asText());
            assertEquals("[\"get\",\"patch\",\"update\"]", role.at("/rules/1/verbs").toString());
            assertEquals("true", chart.env("KARL_LEADER_ELECTION_ENABLED"));
            assertEquals("karl-karl-operator", chart.env("KARL_LEADER_ELECTION_LEASE_NAME"));
        }
    }

    @Test
    void metricsServiceAlwaysServiceMonitorAndDisruptionBudgetOnlyWhenAsked() {
        assertEquals("http", DEFAULTS.single("Service").at("/spec/ports/0/name").asText());
        assertTrue(DEFAULTS.ofKind("ServiceMonitor").isEmpty());
        assertTrue(DEFAULTS.ofKind("PodDisruptionBudget").isEmpty());
        assertEquals("/q/metrics", CUSTOM.single("ServiceMonitor").at("/spec/endpoints/0/path").asText());
        assertEquals("http", CUSTOM.single("ServiceMonitor").at("/spec/endpoints/0/port").asText());
        assertEquals(1, CUSTOM.single("PodDisruptionBudget").at("/spec/minAvailable").asInt());
    }

    @Test
    void theSchemaRefusesBadValues() {
        assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of("image.digest", "latest")));
        assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of("replicas", 2,
                "leaderElection.enabled", false)));
        assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of("replica", 2)));
    }

    private static Set<String> namespacesOf(List<JsonNode> objects) {
        return objects.stream().map(o -> o.at("/metadata/namespace").asText()).collect(Collectors.toSet());
    }
}
