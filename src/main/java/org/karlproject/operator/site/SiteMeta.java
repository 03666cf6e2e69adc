package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.site.rollout.Selectors;

/** The metadata of a site's children: name, namespace, labels, and the site as their controlling owner. */
public final class SiteMeta {

    private SiteMeta() {
    }

    /** The metadata of the site's child {@code name}. */
    public static ObjectMeta of(KarlSite site, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(site.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(owner(site)).build();
    }

    /** The labels of a site's child; {@code component} says which part of the site it is. */
    public static Map<String, String> labels(KarlSite site, String component) {
        Map<String, String> labels = Labels.managed("karl", site.getMetadata().getName(), component);
        labels.put(Labels.SITE, site.getMetadata().getName());
        labels.put(Labels.DATABASE, Names.join(Names.MAX_LABEL, site.getSpec().getDatabase()));
        return labels;
    }

    public static List<OwnerReference> owner(KarlSite site) {
        return List.of(new OwnerReferenceBuilder().withApiVersion(site.getApiVersion()).withKind(site.getKind())
                .withName(site.getMetadata().getName()).withUid(site.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build());
    }

    /** Whether {@code site} is the controlling owner of {@code child} (only such children are deleted). */
    static boolean controls(KarlSite site, io.fabric8.kubernetes.api.model.HasMetadata child) {
        return org.karlproject.operator.k8s.Owners.controlledBy(child, site);
    }

    /** Labels of the pods of a release revision (the Services select on them). */
    static Map<String, String> revisionLabels(KarlSite site, String release, String revision) {
        Map<String, String> labels = new LinkedHashMap<>(labels(site, Selectors.RELEASE_COMPONENT));
        labels.put(Labels.RELEASE, Names.join(Names.MAX_LABEL, release));
        labels.put(Selectors.REVISION, revision);
        return labels;
    }
}
