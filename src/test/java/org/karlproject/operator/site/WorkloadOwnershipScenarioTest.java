package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.site.rollout.SiteNames;

/** What a site leaves to other owners of its workloads: an autoscaler's replicas, others' annotations. */
class WorkloadOwnershipScenarioTest extends SiteScenario {

    @Test
    void aWorkerUpdateKeepsTheAnnotationsOfOtherOwners() {
        h.apply(ref("acme"));
        awaitActive("acme", R330);
        String mailin = SiteNames.worker("acme", Worker.mailin);

        awaitDeployment(mailin, "the mailin worker exists", d -> true);

        h.step("another tool annotates the mailin worker (a GitOps tracking id, a kubectl rollout restart)");
        h.edit(deployment(mailin), d -> d.getMetadata().getAnnotations().put("example.org/tracked-by", "gitops"));

        h.step("the site moves to 3.31: the workers are handed over to it");
        editSpec("acme", spec -> spec.setRelease(R331));
        awaitActive("acme", R331);
        Deployment worker = awaitDeployment(mailin, "on 3.31", d -> SiteFixtures.image(R331).equals(image(d)));

        assertEquals("gitops", worker.getMetadata().getAnnotations().get("example.org/tracked-by"),
                "the other owner's annotation survives the update");
    }

    @Test
    void replicasUnderAHorizontalPodAutoscalerAreLeftToIt() {
        h.apply(ref("acme"));
        String active = awaitActive("acme", R330).getStatus().getReleases().stream()
                .filter(r -> r.getRevision().equals(site("acme").getStatus().getActiveRevision()))
                .map(SiteRelease::getDeployment).findFirst().orElseThrow();

        h.step("ops adds an autoscaler for the active release's Deployment");
        long before = clock.reads();
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("acme")
                .withNamespace(NS).endMetadata().withNewSpec().withMinReplicas(1).withMaxReplicas(5)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(active)
                .endScaleTargetRef().endSpec().build();
        h.apply(hpa);
        h.awaitThat("the site looked again after the autoscaler appeared", () -> clock.reads() > before);

        h.step("the autoscaler scales the Deployment to 3; the site reconciles again and again");
        h.edit(deployment(active), d -> d.getSpec().setReplicas(3));
        reconcileMore("acme", 2);

        assertEquals(3, deployment(active).getSpec().getReplicas(), "the site reset the autoscaler's replicas");
    }
}
