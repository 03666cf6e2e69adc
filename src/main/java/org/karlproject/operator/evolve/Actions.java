package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The only writes a phase handler makes, besides its own status. Each is idempotent. */
public interface Actions {
    /** Creates the snapshot; one that already exists (409) is left as it is. */
    void create(GenericKubernetesResource snapshot);

    void create(PersistentVolumeClaim volume);

    void create(Job job);

    /** Adds a label to a PVC (e.g. for inspection after a failure). */
    void label(PersistentVolumeClaim volume, String key, String value);

    void delete(PersistentVolumeClaim volume);

    /** Deletes a Job and its pods (a running evolve stops). */
    void delete(Job job);

    /** Creates an admission claim; true if this call created it, false if one of that name exists (409). */
    boolean claim(ConfigMap claim);

    /** Deletes a claim, only as the caller saw it (a claim re-created since is left alone). */
    void release(ConfigMap claim);
}
