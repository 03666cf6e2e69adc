package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One write a reconcile decided to make to a child object, carried out by {@link ChildWriter} after the
 * status that decided it is recorded. Intents name objects as the reconcile saw them in its caches; none is
 * a read.
 */
public sealed interface Intent {

    /** Creates {@code object}; one that already exists (409) is left as it is. */
    record Create(HasMetadata object) implements Intent {
    }

    /**
     * Makes the child {@code desired} describes hold what the operator owns on it: created when
     * {@code observed} is empty; otherwise edited when the content hash it carries differs or when the live
     * object no longer holds the owned fields (a hand edit is undone). {@code owned} copies the owned fields
     * (e.g. the spec) from the desired object onto a copy of the live one.
     *
     * @param content what the hash covers (usually the spec, or the data of a ConfigMap)
     */
    record Ensure<T extends HasMetadata>(T desired, Optional<T> observed, Object content, BiConsumer<T, T> owned)
            implements Intent {
    }

    /**
     * Changes fields of a cached child that only the operator writes ({@code change} of a copy of it), sent
     * as a JSON patch of the difference, without optimistic locking.
     */
    record Edit<T extends HasMetadata>(T cached, UnaryOperator<T> change) implements Intent {
    }

    /**
     * Deletes {@code object}, a child the operator made: it must carry its creator's mark (the
     * {@link Labels#OWNER_UID} label or a controller ownerReference), or it is left alone. Data objects
     * (PVCs, VolumeSnapshots) and claims are deleted only as seen (the resourceVersion as a precondition), so
     * an object of the same name made since is not deleted; Jobs take their pods with them.
     */
    record Delete(HasMetadata object) implements Intent {
    }

    /**
     * Deletes a backup drill's scratch volume, the only kind of volume the operator deletes on its own: only
     * if {@code pvc} carries the drill's id ({@link Labels#DRILL} = {@code drill}) and its creator's UID
     * ({@link Labels#OWNER_UID} = {@code ownerUid}), and only as seen (its resourceVersion as a precondition,
     * which it must have). Nothing else can be deleted through this intent.
     */
    record DeleteScratch(PersistentVolumeClaim pvc, String ownerUid, String drill) implements Intent {
    }
}
