package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;

/**
 * CSI VolumeSnapshots ({@code snapshot.storage.k8s.io/v1}) as generic resources: there is no typed model
 * among this project's dependencies, and the few fields used here do not justify adding one.
 */
public final class VolumeSnapshots {
    public static final String GROUP = "snapshot.storage.k8s.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "VolumeSnapshot";
    public static final String PLURAL = "volumesnapshots";
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(true).build();

    private VolumeSnapshots() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> of(
            KubernetesClient client) {
        return client.genericKubernetesResources(CONTEXT);
    }

    /** A VolumeSnapshot of a PVC, as a reconciler would create it. */
    public static GenericKubernetesResource of(String namespace, String name, String pvc, String snapshotClass) {
        GenericKubernetesResource snapshot = new GenericKubernetesResource();
        snapshot.setApiVersion(API_VERSION);
        snapshot.setKind(KIND);
        snapshot.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withNamespace(namespace).withName(name).build());
        snapshot.setAdditionalProperty("spec", Map.of(
                "volumeSnapshotClassName", snapshotClass,
                "source", Map.of("persistentVolumeClaimName", pvc)));
        return snapshot;
    }

    public static Optional<String> sourcePvc(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(snapshot.<String>get("spec", "source", "persistentVolumeClaimName"));
    }

    public static boolean readyToUse(GenericKubernetesResource snapshot) {
        return Boolean.TRUE.equals(snapshot.<Boolean>get("status", "readyToUse"));
    }

    public static Optional<String> restoreSize(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(snapshot.<String>get("status", "restoreSize"));
    }

    public static Optional<String> errorMessage(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(snapshot.<String>get("status", "error", "message"));
    }

    /** A minimal CRD so that the mock server serves the kind with a status subresource. */
    public static CustomResourceDefinition crd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(PLURAL + "." + GROUP).endMetadata()
                .withNewSpec().withGroup(GROUP).withScope("Namespaced")
                .withNewNames().withKind(KIND).withPlural(PLURAL).withSingular("volumesnapshot")
                .withListKind(KIND + "List").endNames()
                .addNewVersion().withName(VERSION).withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
    }
}
