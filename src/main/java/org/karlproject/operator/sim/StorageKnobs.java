package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;

/**
 * Storage failure knobs that users of the sandbox set with kubectl, as annotations on a ZeoDatabase: only
 * the simulated cluster reads them (the operator never does), so ops can rehearse storage that a real
 * cluster may have:
 * <ul>
 *   <li>{@value #VOLUME_BINDING}: {@code WaitForFirstConsumer}: the database's volumes (its own and the
 *       evolve copies, by their {@code deploy.karlproject.org/database} label) bind only once a pod or Job
 *       that mounts them exists, as on a storage class with that volumeBindingMode;</li>
 *   <li>{@value #SNAPSHOT_RESULT}: {@code Failed}: its VolumeSnapshots (backups, evolve and final
 *       snapshots) report an error instead of becoming ready.</li>
 * </ul>
 */
final class StorageKnobs {
    static final String PREFIX = "sandbox.karlproject.org/";
    static final String VOLUME_BINDING = PREFIX + "volume-binding";
    static final String SNAPSHOT_RESULT = PREFIX + "snapshot-result";

    private final SimContext sim;

    StorageKnobs(SimContext sim) {
        this.sim = sim;
    }

    /** The binding mode a database's annotation asks for its volumes, if any. */
    Optional<String> volumeBinding(HasMetadata pvc) {
        return Optional.ofNullable(annotations(pvc).get(VOLUME_BINDING));
    }

    /** Whether the snapshot's database asks for failing snapshots. */
    boolean snapshotFails(HasMetadata snapshot) {
        return "Failed".equalsIgnoreCase(annotations(snapshot).get(SNAPSHOT_RESULT));
    }

    private Map<String, String> annotations(HasMetadata object) {
        String database = Optional.ofNullable(object.getMetadata().getLabels()).map(l -> l.get(Labels.DATABASE))
                .orElse(null);
        if (database == null) {
            return Map.of();
        }
        // read when needed (not from an informer that may not have seen a database created a moment ago)
        ZeoDatabase db = sim.client.resources(ZeoDatabase.class).inNamespace(object.getMetadata().getNamespace())
                .withName(database).get();
        return db == null || db.getMetadata().getAnnotations() == null ? Map.of() : db.getMetadata().getAnnotations();
    }
}
