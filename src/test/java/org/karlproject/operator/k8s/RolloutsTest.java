package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** The statuses a real Deployment controller writes during a rollout, in order: only the last is complete. */
class RolloutsTest {

    private static Deployment at(long generation, int specReplicas, Long observed, int replicas, int updated,
            int ready, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("zeo").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(specReplicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(ready).withAvailableReplicas(available).endStatus().build();
    }

    @Test
    void aRecreateRolloutIsCompleteOnlyWhenTheNewPodIsReadyAndTheOldOneGone() {
        assertFalse(Rollouts.complete(at(2, 1, 1L, 1, 1, 1, 1)), "the new generation not observed yet");
        assertFalse(Rollouts.complete(at(2, 1, 2L, 1, 0, 1, 1)), "observed, the old pod still ready");
        assertFalse(Rollouts.complete(at(2, 1, 2L, 1, 0, 0, 0)), "the old pod terminating");
        assertFalse(Rollouts.complete(at(2, 1, 2L, 0, 0, 0, 0)), "the old pod gone");
        assertFalse(Rollouts.complete(at(2, 1, 2L, 1, 1, 0, 0)), "the new pod starting");
        assertTrue(Rollouts.complete(at(2, 1, 2L, 1, 1, 1, 1)), "the new pod ready");
    }

    @Test
    void aRollingUpdateIsCompleteOnlyWhenNoOldPodIsLeft() {
        assertFalse(Rollouts.complete(at(2, 1, 2L, 2, 1, 1, 1)), "surge: the new pod not ready, the old serving");
        assertFalse(Rollouts.complete(at(2, 1, 2L, 2, 1, 2, 2)), "both ready, the old one not gone yet");
        assertTrue(Rollouts.complete(at(2, 1, 2L, 1, 1, 1, 1)));
        assertFalse(Rollouts.complete(at(3, 2, 3L, 1, 1, 1, 1)), "scaled to 2, one pod missing");
        assertTrue(Rollouts.complete(at(3, 0, 3L, 0, 0, 0, 0)), "scaled to zero");
        assertFalse(Rollouts.complete(new DeploymentBuilder().withNewMetadata().withGeneration(1L).endMetadata()
                .withNewSpec().endSpec().build()), "no status yet");
    }
}
