package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.site.rollout.Selectors;

/** Pure builders of a site's children: the release Deployments, the config copies, the Services, the EvolveRun. */
public final class SiteObjects {

    /** Annotation on a workload the operator may update: the hash of its desired spec, to tell a real change. */
    public static final String SPEC_HASH = org.karlproject.operator.api.Api.GROUP + "/spec-hash";

    private SiteObjects() {
    }

    static ObjectMeta meta(KarlSite site, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(site.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(SitePods.owner(site)).build();
    }

    /** The immutable Deployment of one revision: never patched to another image, only scaled. */
    public static Deployment releaseDeployment(KarlSite site, Revisions revision, int replicas) {
        String name = site.getMetadata().getName();
        String hash = revision.hash();
        Map<String, String> labels = SitePods.revisionLabels(site, revision.release(), hash);
        PodSpec pod = SitePods.pod(site, revision.image(), "serve", revision.env(), SiteNames.configCopy(name, hash),
                revision.resources(), true, "Always");
        return new DeploymentBuilder()
                .withMetadata(meta(site, SiteNames.deployment(name, revision.release(), hash), labels))
                .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(1)
                .withNewSelector().withMatchLabels(Selectors.revision(name, hash)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    /** The site's config as this revision sees it, forever: an immutable copy. */
    public static ConfigMap configCopy(KarlSite site, String revision, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withMetadata(meta(site, SiteNames.configCopy(site.getMetadata().getName(), revision),
                        SitePods.labels(site, "config")))
                .withImmutable(true).withData(new TreeMap<>(data)).build();
    }

    /** The settings KARL reads live: the mode. */
    public static ConfigMap runtime(KarlSite site, String mode) {
        return new ConfigMapBuilder()
                .withMetadata(meta(site, SiteNames.runtime(site.getMetadata().getName()),
                        SitePods.labels(site, "runtime")))
                .withData(Map.of("mode", mode)).build();
    }

    /** A ClusterIP Service, port 80 to the pods' 8080. */
    public static Service service(KarlSite site, String name, String component, Map<String, String> selector) {
        return new ServiceBuilder().withMetadata(meta(site, name, SitePods.labels(site, component)))
                .withNewSpec().withType("ClusterIP").withSelector(selector)
                .addNewPort().withName("http").withPort(80).withNewTargetPort("http").withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** See {@link Labels#SITE_GENERATION}. */
    public static final String SITE_GENERATION = org.karlproject.operator.k8s.Labels.SITE_GENERATION;

    /** The site generation an EvolveRun was created for, or null when a person created it. */
    public static Long siteGeneration(EvolveRun run) {
        return org.karlproject.operator.k8s.Labels.siteGeneration(run);
    }

    /**
     * The EvolveRun {@code name} an Automatic site creates for its candidate (owned by the site, not the data's
     * controller).
     */
    public static EvolveRun evolveRun(KarlSite site, String release, String name) {
        EvolveRun run = new EvolveRun();
        ObjectMeta meta = meta(site, name, SitePods.labels(site, "evolve"));
        meta.getOwnerReferences().forEach(o -> o.setController(false));
        meta.setAnnotations(new java.util.LinkedHashMap<>(Map.of(SITE_GENERATION, String.valueOf(site.getMetadata().getGeneration()))));
        run.setMetadata(meta);
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite(site.getMetadata().getName());
        spec.setRelease(release);
        if (site.getSpec().getEvolve() != null && site.getSpec().getEvolve().getReadOnlyBudgetSeconds() != null) {
            spec.setReadOnlyBudgetSeconds(site.getSpec().getEvolve().getReadOnlyBudgetSeconds());
        }
        run.setSpec(spec);
        return run;
    }

    /** Stamps the hash of a workload's desired spec on it. */
    static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T withSpecHash(T object, Object spec) {
        String hash = org.karlproject.operator.k8s.ContentHash.of(spec);
        object.getMetadata().setAnnotations(new TreeMap<>(Map.of(SPEC_HASH, hash)));
        return object;
    }
}
