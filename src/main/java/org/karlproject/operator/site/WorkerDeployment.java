package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * A background worker's Deployment (mailin, mailout): the active revision's pod with the worker's
 * subcommand, one replica (Recreate: never two at once), zero when disabled or paused. Handed over to the
 * new active release at the switch.
 */
public final class WorkerDeployment {

    private WorkerDeployment() {
    }

    public static Deployment of(KarlSite site, Worker worker, PodSpec active, boolean run) {
        return of(site, SiteNames.worker(site.getMetadata().getName(), worker), worker.name(),
                SitePod.ofActive(active, worker.name(), false, "Always"), run ? 1 : 0, true);
    }

    /** A Deployment of the site that runs {@code pod}, selected by its component (the maintenance page too). */
    static Deployment of(KarlSite site, String name, String component, PodSpec pod, int replicas, boolean recreate) {
        Map<String, String> labels = SiteMeta.labels(site, component);
        Map<String, String> selector = Map.of(Labels.SITE, site.getMetadata().getName(), Labels.COMPONENT, component);
        return new DeploymentBuilder().withMetadata(SiteMeta.of(site, name, labels))
                .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(1)
                .withNewStrategy().withType(recreate ? "Recreate" : "RollingUpdate").endStrategy()
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }
}
