package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.sim.Requests;

/**
 * M1, the floor: on a fresh server of the same kind (with the simulated cluster running, but nobody waiting
 * for it), the user applies the same sites the same way, and a bare Fabric8 client (user agent
 * {@value #USER_AGENT}) makes the writes of the {@link FloorPlan}, one chain per site, on as many threads as
 * the operator reconciles with.
 */
record FloorRun(int sites, long millis, Requests requests) {
    static final String USER_AGENT = "karl-floor";

    static FloorRun run(FloorPlan plan, int sites) {
        try (FleetLab lab = new FleetLab(EvolveSettings.DEFAULTS); KubernetesClient client = lab.server.client(USER_AGENT)) {
            Map<String, String> uids = new ConcurrentHashMap<>();
            Map<String, HasMetadata> current = new ConcurrentHashMap<>();
            Fleet.releases().forEach(r -> {
                HasMetadata created = lab.admin().resource(r).create();
                remember(uids, created);
                current.put(key(created), created);
            });
            FloorPlan.Group shared = plan.groups().getOrDefault(FloorPlan.SHARED, new FloorPlan.Group());
            shared.finalizers().forEach(f -> current.put(key(f), finalizers(client, f)));
            shared.creates().forEach(c -> create(client, c, uids));
            long mark = lab.requests().mark();
            long start = System.nanoTime();
            shared.statuses().forEach(s -> status(client, s, current.get(key(s))));
            FleetLab.parallel(0, sites, i -> () -> {
                Fleet.siteObjects(i).forEach(o -> {
                    HasMetadata created = lab.admin().resource(o).create();
                    remember(uids, created);
                    current.put(key(created), created);
                });
                FloorPlan.Group group = plan.groups().getOrDefault(Fleet.site(i), new FloorPlan.Group());
                group.finalizers().forEach(f -> current.put(key(f), finalizers(client, f)));
                group.creates().stream().sorted(Comparator.comparing(c -> c.getKind().equals("EvolveRun") ? 0 : 1))
                        .forEach(c -> create(client, c, uids));
                group.statuses().forEach(s -> status(client, s, current.get(key(s))));
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new FloorRun(sites, millis, lab.requests().snapshot().since(mark).from(USER_AGENT));
        }
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static void remember(Map<String, String> uids, HasMetadata created) {
        uids.put(key(created), created.getMetadata().getUid());
    }

    /** Creates the object as the operator's run left it: its metadata reduced to what a creator sets. */
    private static void create(KubernetesClient client, GenericKubernetesResource left, Map<String, String> uids) {
        GenericKubernetesResource object = Serialization.clone(left);
        ObjectMeta meta = left.getMetadata();
        object.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace())
                .withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations())
                .withFinalizers(meta.getFinalizers()).build());
        for (OwnerReference owner : meta.getOwnerReferences()) {
            OwnerReference copy = Serialization.clone(owner);
            copy.setUid(uids.getOrDefault(owner.getKind() + "/" + owner.getName(), owner.getUid()));
            object.getMetadata().getOwnerReferences().add(copy);
        }
        object.getAdditionalProperties().remove("status");
        remember(uids, client.resource(object).create());
    }

    /** Adds the finalizers the operator added, with one JSON merge patch. */
    private static HasMetadata finalizers(KubernetesClient client, GenericKubernetesResource left) {
        return client.genericKubernetesResources(left.getApiVersion(), left.getKind()).inNamespace(Fleet.NS)
                .withName(left.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("metadata",
                        Map.of("finalizers", left.getMetadata().getFinalizers()))));
    }

    /** Writes the final status in one request (a PUT of /status with the resourceVersion the floor holds). */
    private static void status(KubernetesClient client, GenericKubernetesResource left, HasMetadata current) {
        GenericKubernetesResource object = Serialization.jsonMapper().convertValue(current, GenericKubernetesResource.class);
        object.getAdditionalProperties().put("status", left.getAdditionalProperties().get("status"));
        client.genericKubernetesResources(left.getApiVersion(), left.getKind()).inNamespace(Fleet.NS)
                .resource(object).updateStatus();
    }
}
