package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.PodSecurity;
import org.karlproject.operator.site.rollout.Settings;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * The pod every site workload runs (release revisions, the maintenance page, the workers, the smoke check):
 * the release image with one subcommand of its entrypoint, the site's config copy mounted read-only at
 * {@value #CONFIG_DIR}, the runtime settings (the mode) at {@value #RUNTIME_DIR}, a writable {@code /tmp},
 * and the restricted Pod Security profile.
 */
public final class SitePod {

    public static final String CONFIG_DIR = "/etc/karl/config";
    public static final String RUNTIME_DIR = "/etc/karl/runtime";
    public static final int HTTP_PORT = 8080;

    private SitePod() {
    }

    /** The pod of a site workload running {@code image} with {@code subcommand}. */
    public static PodSpec of(KarlSite site, String image, String subcommand, List<EnvVar> env, String configCopy,
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
        return restricted(container.build(), restartPolicy)
                .addNewVolume().withName("config").withNewConfigMap().withName(configCopy).endConfigMap().endVolume()
                .addNewVolume().withName("runtime").withNewConfigMap().withName(SiteNames.runtime(
                        site.getMetadata().getName())).endConfigMap().endVolume()
                .build();
    }

    /** The active revision's pod with another subcommand (and no HTTP unless it serves). */
    public static PodSpec ofActive(PodSpec active, String subcommand, boolean http, String restartPolicy) {
        Container base = active.getContainers().get(0);
        ContainerBuilder container = new ContainerBuilder(base).withArgs(subcommand);
        if (!http) {
            container.withPorts(List.of()).withReadinessProbe(null).withLivenessProbe(null);
        }
        return new PodSpecBuilder(active).withContainers(container.build()).withRestartPolicy(restartPolicy).build();
    }

    /** A restricted pod with one container and a writable /tmp. */
    static PodSpecBuilder restricted(Container container, String restartPolicy) {
        return new PodSpecBuilder().withContainers(container).withRestartPolicy(restartPolicy)
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod())
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume();
    }

    private static String readinessPath(KarlSite site) {
        return Settings.of(site.getSpec()).smokePath();
    }
}
