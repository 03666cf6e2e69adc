package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/** Who controls an object, by UID: an object is the operator's to act on only for the owner whose UID it carries. */
public final class Owners {

    private Owners() {
    }

    /**
     * Whether {@code child} has a controller ownerReference carrying {@code owner}'s UID (an owner without a
     * UID, never stored, controls nothing; a same-named predecessor's object carries another UID).
     */
    public static boolean controlledBy(HasMetadata child, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        return uid != null && Optional.ofNullable(child.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
    }
}
