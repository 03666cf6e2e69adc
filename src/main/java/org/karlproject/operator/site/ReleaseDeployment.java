package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;

/** The immutable Deployment of one revision: created once, never re-templated to another image, only scaled. */
public final class ReleaseDeployment {

    private ReleaseDeployment() {
    }

    public static Deployment of(KarlSite site, Revisions revision, int replicas) {
        String name = site.getMetadata().getName();
        String hash = revision.hash();
        Map<String, String> labels = SiteMeta.revisionLabels(site, revision.release(), hash);
        PodSpec pod = SitePod.of(site, revision.image(), "serve", revision.env(), SiteNames.configCopy(name, hash),
                revision.resources(), true, "Always");
        return new DeploymentBuilder()
                .withMetadata(SiteMeta.of(site, SiteNames.deployment(name, revision.release(), hash), labels))
                .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(1)
                .withNewSelector().withMatchLabels(Selectors.revision(name, hash)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }
}
