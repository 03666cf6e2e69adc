package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

/**
 * Ownership garbage collection, which the mock server lacks: when enabled, every {@code gcEvery} it deletes
 * the objects (of the kinds below) all of whose owners are gone (no object with the owner's uid). Owners of
 * kinds it does not know are treated as present.
 */
final class GarbageCollector {
    private static final List<ResourceDefinitionContext> KINDS = Stream.concat(
            Stream.of(Deployment.class, StatefulSet.class, Job.class, ConfigMap.class, Secret.class, Service.class,
                    PersistentVolumeClaim.class, NetworkPolicy.class, Ingress.class, KarlSite.class, ZeoDatabase.class,
                    EvolveRun.class, ReleaseIndex.class).map(ResourceDefinitionContext::fromResourceType),
            Stream.of(VolumeSnapshots.CONTEXT)).toList();
    private static final Map<String, ResourceDefinitionContext> BY_KIND = KINDS.stream()
            .collect(Collectors.toMap(c -> apiVersion(c) + "/" + c.getKind(), Function.identity()));

    private final SimContext sim;

    GarbageCollector(SimContext sim) {
        this.sim = sim;
    }

    void start() {
        sim.later(sim.settings.gcEvery, "garbage collection", this::sweep);
    }

    private void sweep() {
        if (sim.settings.garbageCollection) {
            for (ResourceDefinitionContext kind : KINDS) {
                for (GenericKubernetesResource obj : sim.client.genericKubernetesResources(kind).inAnyNamespace()
                        .list().getItems()) {
                    if (orphaned(obj)) {
                        sim.client.genericKubernetesResources(kind).inNamespace(obj.getMetadata().getNamespace())
                                .withName(obj.getMetadata().getName()).delete();
                    }
                }
            }
        }
        start();
    }

    private boolean orphaned(HasMetadata obj) {
        List<OwnerReference> owners = Optional.ofNullable(obj.getMetadata().getOwnerReferences()).orElse(List.of());
        return !owners.isEmpty() && owners.stream().noneMatch(owner -> exists(obj.getMetadata().getNamespace(), owner));
    }

    private boolean exists(String namespace, OwnerReference owner) {
        ResourceDefinitionContext kind = BY_KIND.get(owner.getApiVersion() + "/" + owner.getKind());
        if (kind == null) {
            return true;
        }
        GenericKubernetesResource found = sim.client.genericKubernetesResources(kind).inNamespace(namespace)
                .withName(owner.getName()).get();
        return found != null && Objects.equals(found.getMetadata().getUid(), owner.getUid());
    }

    private static String apiVersion(ResourceDefinitionContext c) {
        return c.getGroup() == null || c.getGroup().isEmpty() ? c.getVersion() : c.getGroup() + "/" + c.getVersion();
    }
}
