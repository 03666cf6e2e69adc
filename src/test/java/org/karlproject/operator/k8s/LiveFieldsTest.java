package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class LiveFieldsTest {

    private static Deployment wanted() {
        return new DeploymentBuilder().withNewMetadata().withName("zeo").endMetadata().withNewSpec().withReplicas(1)
                .withNewTemplate().withNewSpec().addNewContainer().withName("zeo").withImage("zeo:1")
                .withNewResources().addToRequests("cpu", new Quantity("0.5")).endResources().withArgs()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    @Test
    void fieldsTheServerDefaultsAreNoDifference() {
        Deployment live = Serialization.clone(wanted());
        live.getSpec().setRevisionHistoryLimit(10);
        live.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
        live.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                .put("cpu", new Quantity("500m"));
        live.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(null);
        assertTrue(LiveFields.hold(live, wanted()));
    }

    @Test
    void anEditOfAnOwnedFieldIsADifference() {
        Deployment scaled = Serialization.clone(wanted());
        scaled.getSpec().setReplicas(2);
        assertFalse(LiveFields.hold(scaled, wanted()));
        Deployment sidecar = Serialization.clone(wanted());
        sidecar.getSpec().getTemplate().getSpec().getContainers().add(Serialization.clone(
                sidecar.getSpec().getTemplate().getSpec().getContainers().get(0)));
        assertFalse(LiveFields.hold(sidecar, wanted()), "a container added by hand");
        Deployment image = Serialization.clone(wanted());
        image.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("zeo:2");
        assertFalse(LiveFields.hold(image, wanted()));
    }

    @Test
    void aChangeIsJudgedOnACopyAndOnlyByTheFieldsItSets() {
        Deployment live = Serialization.clone(wanted());
        live.getSpec().setRevisionHistoryLimit(10);
        live.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");

        assertTrue(LiveFields.unchangedBy(live, copy -> copy.getSpec().setReplicas(1)), "the value it has");
        assertFalse(LiveFields.unchangedBy(live, copy -> copy.getSpec().setReplicas(3)));
        assertFalse(LiveFields.unchangedBy(live, copy -> copy.getSpec().getTemplate().getSpec().getContainers().get(0)
                .setImage("zeo:2")));
        assertEquals(1, live.getSpec().getReplicas(), "the live object is not the one changed");
        assertEquals("zeo:1", live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aFieldTheModelDoesNotKnowSurvivesTheCopy() {
        Deployment live = Serialization.clone(wanted());
        live.getSpec().setAdditionalProperty("futureField", "set by a newer API server");

        assertTrue(LiveFields.unchangedBy(live, copy -> { }));
        assertFalse(LiveFields.unchangedBy(live, copy -> copy.getSpec().setAdditionalProperty("futureField", "other")));
    }
}
