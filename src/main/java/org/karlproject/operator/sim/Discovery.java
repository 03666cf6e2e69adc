package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API discovery, which the mock server answers wrongly ({@code /api}, {@code /apis} come back as lists of
 * stored objects), so that kubectl can talk to the sandbox: {@code /version}, {@code /api},
 * {@code /api/v1}, {@code /apis} and {@code /apis/<group>/<version>} for the built-in kinds the operator
 * uses and for the four CRDs (with their short names and the {@code karl} category, so that
 * {@code kubectl get karl} works). Static: it describes what this server stores, not a real cluster.
 */
final class Discovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> ALL_VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    /** group/version -> resources: plural, kind, namespaced. */
    private static final Map<String, List<String[]>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("v1", List.of(
                new String[] {"namespaces", "Namespace", "false"}, new String[] {"configmaps", "ConfigMap", "true"},
                new String[] {"services", "Service", "true"}, new String[] {"events", "Event", "true"},
                new String[] {"persistentvolumeclaims", "PersistentVolumeClaim", "true"},
                new String[] {"pods", "Pod", "true"}, new String[] {"secrets", "Secret", "true"}));
        BUILT_IN.put("apps/v1", List.<String[]>of(new String[] {"deployments", "Deployment", "true"},
                new String[] {"statefulsets", "StatefulSet", "true"}));
        BUILT_IN.put("batch/v1", List.<String[]>of(new String[] {"jobs", "Job", "true"},
                new String[] {"cronjobs", "CronJob", "true"}));
        BUILT_IN.put("networking.k8s.io/v1", List.<String[]>of(new String[] {"networkpolicies", "NetworkPolicy", "true"},
                new String[] {"ingresses", "Ingress", "true"}));
        BUILT_IN.put("coordination.k8s.io/v1", List.<String[]>of(new String[] {"leases", "Lease", "true"}));
        BUILT_IN.put("snapshot.storage.k8s.io/v1", List.<String[]>of(new String[] {"volumesnapshots", "VolumeSnapshot", "true"}));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.<String[]>of(
                new String[] {"customresourcedefinitions", "CustomResourceDefinition", "false"}));
    }

    private static final String GATEWAY_API = "gateway.networking.k8s.io/v1";

    private final ObjectNode karlResources;
    /** Whether the Gateway API CRDs are "installed": discovery then lists gateway.networking.k8s.io/v1. */
    volatile boolean gatewayApi;

    Discovery() {
        karlResources = resourceList("deploy.karlproject.org/v1alpha1");
        ArrayNode resources = karlResources.putArray("resources");
        for (String file : ApiServer.CRD_FILES) {
            JsonNode names = crd(file).at("/spec/names");
            ObjectNode r = resources.addObject();
            r.put("name", names.get("plural").asText()).put("singularName", names.get("singular").asText())
                    .put("namespaced", true).put("kind", names.get("kind").asText());
            ALL_VERBS.forEach(r.putArray("verbs")::add);
            names.path("shortNames").forEach(r.putArray("shortNames")::add);
            names.path("categories").forEach(r.putArray("categories")::add);
            ObjectNode status = resources.addObject();
            status.put("name", names.get("plural").asText() + "/status").put("singularName", "")
                    .put("namespaced", true).put("kind", names.get("kind").asText());
            List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
        }
    }

    /** The discovery document for {@code path}, if it is a discovery path. */
    Optional<String> answer(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        p = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        if (p.equals("/version")) {
            return Optional.of("{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0-karl-sandbox\","
                    + "\"platform\":\"linux/amd64\"}");
        }
        if (p.equals("/api")) {
            return Optional.of("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                    + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}");
        }
        if (p.equals("/apis")) {
            return Optional.of(groupList().toString());
        }
        if (p.equals("/apis/deploy.karlproject.org/v1alpha1")) {
            return Optional.of(karlResources.toString());
        }
        String groupVersion = p.startsWith("/apis/") ? p.substring("/apis/".length()) : p.equals("/api/v1") ? "v1" : null;
        List<String[]> served = groupVersion == null ? null : gatewayApi && GATEWAY_API.equals(groupVersion)
                ? List.<String[]>of(new String[] {"httproutes", "HTTPRoute", "true"},
                        new String[] {"gateways", "Gateway", "true"}) : BUILT_IN.get(groupVersion);
        if (served != null) {
            ObjectNode list = resourceList(groupVersion);
            ArrayNode resources = list.putArray("resources");
            for (String[] r : served) {
                ObjectNode node = resources.addObject();
                node.put("name", r[0]).put("singularName", "").put("namespaced", Boolean.parseBoolean(r[2])).put("kind", r[1]);
                ALL_VERBS.forEach(node.putArray("verbs")::add);
            }
            return Optional.of(list.toString());
        }
        return Optional.empty();
    }

    private ObjectNode groupList() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        List<String> groupVersions = new java.util.ArrayList<>(BUILT_IN.keySet());
        groupVersions.remove("v1");
        groupVersions.add("deploy.karlproject.org/v1alpha1");
        if (gatewayApi) {
            groupVersions.add(GATEWAY_API);
        }
        for (String gv : groupVersions) {
            String group = gv.substring(0, gv.indexOf('/'));
            String version = gv.substring(gv.indexOf('/') + 1);
            ObjectNode g = groups.addObject().put("name", group);
            ObjectNode v = JSON.createObjectNode().put("groupVersion", gv).put("version", version);
            g.putArray("versions").add(v);
            g.set("preferredVersion", v);
        }
        return list;
    }

    private static ObjectNode resourceList(String groupVersion) {
        return JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
    }

    static JsonNode crd(String file) {
        try (InputStream in = Discovery.class.getClassLoader().getResourceAsStream(ApiServer.CRD_RESOURCE_DIR + file)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
