package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karlproject.operator.sim.Requests;

/**
 * The floor's work list, derived from what the operator's run left on its server and from its write log:
 * per site (and a shared group for the releases), the objects the operator created and still exist, the
 * custom resources whose metadata it patched (finalizers), and those whose status it wrote. The floor makes
 * each of these writes exactly once, with the final content: no intermediate status, no retries, no 409s.
 */
record FloorPlan(Map<String, Group> groups, Map<String, Long> objectsByKind) {
    static final String SHARED = "shared";
    /** The kinds the operator creates (the simulated cluster creates none; the user creates the CRs). */
    static final List<String[]> CREATED_KINDS = List.of(new String[] {"v1", "ConfigMap"}, new String[] {"v1", "Service"},
            new String[] {"v1", "PersistentVolumeClaim"}, new String[] {"v1", "Event"},
            new String[] {"apps/v1", "Deployment"}, new String[] {"batch/v1", "Job"},
            new String[] {"batch/v1", "CronJob"}, new String[] {"networking.k8s.io/v1", "NetworkPolicy"},
            new String[] {"snapshot.storage.k8s.io/v1", "VolumeSnapshot"},
            new String[] {"deploy.karlproject.org/v1alpha1", "EvolveRun"});
    static final Map<String, String> CR_KINDS = Map.of("releaseindexes", "ReleaseIndex", "zeodatabases", "ZeoDatabase",
            "karlsites", "KarlSite", "evolveruns", "EvolveRun");
    private static final Pattern SITE = Pattern.compile("^(site-\\d{4})");

    /** One site's work (or the shared releases'); the custom resources as the operator's run left them. */
    record Group(List<GenericKubernetesResource> creates, List<GenericKubernetesResource> finalizers,
            List<GenericKubernetesResource> statuses) {
        Group() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    static FloorPlan of(KubernetesClient client, Requests operatorWrites) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String[] kind : CREATED_KINDS) {
            List<GenericKubernetesResource> items = client.genericKubernetesResources(kind[0], kind[1])
                    .inNamespace(Fleet.NS).list().getItems();
            counts.put(kind[1], (long) items.size());
            for (GenericKubernetesResource item : items) {
                groups.computeIfAbsent(groupOf(item), g -> new Group()).creates().add(item);
            }
        }
        operatorWrites.filter(r -> r.status() < 300 && CR_KINDS.containsKey(r.resource()) && !r.name().isEmpty())
                .list().stream().map(r -> r.resource() + "/" + r.subresource() + "/" + r.name()).distinct()
                .forEach(key -> {
                    String[] parts = key.split("/", -1);
                    GenericKubernetesResource target = client.genericKubernetesResources(
                            "deploy.karlproject.org/v1alpha1", CR_KINDS.get(parts[0])).inNamespace(Fleet.NS)
                            .withName(parts[2]).get();
                    Group group = groups.computeIfAbsent(groupOf(parts[2]), g -> new Group());
                    (parts[1].isEmpty() ? group.finalizers() : group.statuses()).add(target);
                });
        return new FloorPlan(groups, counts);
    }

    static String groupOf(GenericKubernetesResource item) {
        String group = groupOf(item.getMetadata().getName());
        if (group.equals(SHARED) && item.getAdditionalProperties().get("involvedObject") instanceof Map<?, ?> involved) {
            return groupOf(String.valueOf(involved.get("name")));
        }
        return group;
    }

    static String groupOf(String name) {
        Matcher m = SITE.matcher(name);
        return m.find() ? m.group(1) : SHARED;
    }

    int writes() {
        return groups.values().stream().mapToInt(g -> g.creates().size() + g.finalizers().size() + g.statuses().size())
                .sum();
    }
}
