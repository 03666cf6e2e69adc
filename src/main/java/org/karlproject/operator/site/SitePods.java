package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.k8s.PodSecurity;

/**
 * The pod every site workload runs (release revisions, the maintenance page, the workers, the smoke check):
 * the release image with one subcommand of its entrypoint, the site's config copy mounted read-only at
 * {@value #CONFIG_DIR}, the runtime settings (the mode) at {@value #RUNTIME_DIR}, a writable {@code /tmp},
 * and the restricted Pod Security profile.
 */
public final class SitePods {

    public static final String CONFIG_DIR = "/etc/karl/config";
    public static final String RUNTIME_DIR = "/etc/karl/runtime";
    public static final int HTTP_PORT = 8080;

    private SitePods() {
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

    /** The pod of a site workload running {@code image} with {@code subcommand}. */
    public static PodSpec pod(KarlSite site, String image, String subcommand, List<EnvVar> env, String configCopy,
            ResourceRequirements resources, boolean http, String restartPolicy) {
        ContainerBuilder container = new ContainerBuilder().withName("karl").withImage(image)
                .withArgs(subcommand).withEnv(env).withResources(resources)
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("runtime").withMountPath(RUNTIME_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount();
        if (http) {
            container.addNewPort().withName("http").withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                    .withNewReadinessProbe().withNewHttpGet().withPath(readinessPath(site))
                    .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(5).withFailureThreshold(3)
                    .endReadinessProbe()
                    .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket()
                    .withInitialDelaySeconds(30).withPeriodSeconds(10).endLivenessProbe();
        }
        return podSpec(container.build(), restartPolicy)
                .addNewVolume().withName("config").withNewConfigMap().withName(configCopy).endConfigMap().endVolume()
                .addNewVolume().withName("runtime").withNewConfigMap().withName(SiteNames.runtime(
                        site.getMetadata().getName())).endConfigMap().endVolume()
                .build();
    }

    /** A restricted pod with one container and a writable /tmp. */
    static PodSpecBuilder podSpec(Container container, String restartPolicy) {
        return new PodSpecBuilder().withContainers(container).withRestartPolicy(restartPolicy)
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod())
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume();
    }

    private static String readinessPath(KarlSite site) {
        return org.karlproject.operator.site.rollout.Settings.of(site.getSpec()).smokePath();
    }

    /** Labels of the pods of a release revision (the Services select on them). */
    static Map<String, String> revisionLabels(KarlSite site, String release, String revision) {
        Map<String, String> labels = new LinkedHashMap<>(labels(site, "release"));
        labels.put(Labels.RELEASE, Names.join(Names.MAX_LABEL, release));
        labels.put(org.karlproject.operator.site.rollout.Selectors.REVISION, revision);
        return labels;
    }
}
