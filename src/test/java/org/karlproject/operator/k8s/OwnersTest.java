package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.junit.jupiter.api.Test;

/** An object is controlled only by the owner whose UID its controller ownerReference carries. */
class OwnersTest {

    private static ConfigMap owner(String uid) {
        return new ConfigMapBuilder().withNewMetadata().withName("owner").withUid(uid).endMetadata().build();
    }

    private static ConfigMap child(String uid, boolean controller) {
        return new ConfigMapBuilder().withNewMetadata().withName("child").withOwnerReferences(new OwnerReferenceBuilder()
                .withKind("ConfigMap").withName("owner").withUid(uid).withController(controller).build())
                .endMetadata().build();
    }

    @Test
    void onlyTheControllerReferenceWithTheOwnersUidCounts() {
        assertTrue(Owners.controlledBy(child("u1", true), owner("u1")));
        assertFalse(Owners.controlledBy(child("u0", true), owner("u1")), "a same-named predecessor's object");
        assertFalse(Owners.controlledBy(child("u1", false), owner("u1")), "an owner that is not the controller");
        assertFalse(Owners.controlledBy(child(null, true), owner(null)), "an owner never stored controls nothing");
        assertFalse(Owners.controlledBy(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build(),
                owner("u1")), "no ownerReferences");
    }
}
