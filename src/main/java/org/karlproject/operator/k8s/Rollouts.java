package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/**
 * When a Deployment's rollout is complete, in the sense of {@code kubectl rollout status}: the controller has
 * observed the current generation, every replica runs the current template and is ready and available, and
 * no pod of an older template is left (not even one that is terminating). A real Deployment controller
 * writes {@code observedGeneration == generation} while the old pods still serve and are counted ready, so
 * {@code observedGeneration} plus a ready count says nothing about which template those ready pods run.
 */
public final class Rollouts {

    private Rollouts() {
    }

    /** Whether the current template is rolled out to all of {@code spec.replicas} and nothing else runs. */
    public static boolean complete(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        Long generation = deployment.getMetadata().getGeneration();
        if (status == null || generation == null || status.getObservedGeneration() == null
                || status.getObservedGeneration() < generation) {
            return false;
        }
        int wanted = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        int updated = count(status.getUpdatedReplicas());
        return updated == wanted && count(status.getReplicas()) == updated
                && count(status.getAvailableReplicas()) == updated && count(status.getReadyReplicas()) == updated;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
