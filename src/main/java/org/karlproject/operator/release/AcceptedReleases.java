package org.karlproject.operator.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * The accepted content of a release. When a ReleaseIndex first becomes Ready the operator freezes its spec
 * into a ConfigMap beside it; from then on that copy is what the release is, even if the spec is later
 * edited (on a cluster without CEL), so the index it serves never changes under a build.
 */
public final class AcceptedReleases {

    static final String COMPONENT = "accepted-release";
    static final String KEY = "spec.json";

    private AcceptedReleases() {
    }

    /** The frozen copy's name. */
    public static String configMapName(String release) {
        return Names.join(Names.MAX_NAME, release, "accepted");
    }

    /** The frozen copy of {@code release}'s spec. */
    public static ConfigMap of(ReleaseIndex release) {
        String name = release.getMetadata().getName();
        Map<String, String> labels = Labels.managed("karl-release", name, COMPONENT);
        labels.put(Labels.RELEASE, name);
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(configMapName(name))
                .withNamespace(release.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(release.getApiVersion()).withKind(release.getKind())
                        .withName(name).withUid(release.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withImmutable(true)
                .withData(Map.of(KEY, SpecDigest.canonicalJson(release.getSpec())))
                .build();
    }

    /**
     * The accepted spec of {@code release}: none before it was first accepted; its spec while that is
     * unchanged; otherwise the frozen copy found by {@code frozen} (by ConfigMap name).
     */
    public static Optional<ReleaseIndexSpec> acceptedSpec(ReleaseIndex release, Function<String, Optional<ConfigMap>> frozen) {
        String accepted = release.getStatus() == null ? null : release.getStatus().getSpecDigest();
        if (accepted == null) {
            return Optional.empty();
        }
        if (accepted.equals(SpecDigest.of(release.getSpec()))) {
            return Optional.of(release.getSpec());
        }
        return frozen.apply(configMapName(release.getMetadata().getName()))
                .map(cm -> cm.getData().get(KEY))
                .map(json -> SpecDigest.fromJson(json, ReleaseIndexSpec.class))
                .filter(spec -> accepted.equals(SpecDigest.of(spec)));
    }
}
