package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

/** What a phase handler may observe, in the run's namespace. The reconciler reads informer caches only. */
public interface World {
    Optional<KarlSite> site(String name);

    Optional<ZeoDatabase> database(String name);

    Optional<ReleaseIndex> release(String name);

    /** Every ReleaseIndex in the namespace (for the steps declared by intermediate releases). */
    List<ReleaseIndex> releases();

    /** Every EvolveRun in the namespace, this one included. */
    List<EvolveRun> runs();

    /** Every EvolveRun the operator sees, in all namespaces (for the operator-wide limit on runs). */
    default List<EvolveRun> allRuns() {
        return runs();
    }

    Optional<GenericKubernetesResource> snapshot(String name);

    Optional<PersistentVolumeClaim> volume(String name);

    Optional<Job> job(String name);

    /** Every KarlSite in the namespace (for the rollback options that still need a volume). */
    default List<KarlSite> sites() {
        return List.of();
    }

    /** The pods of the check Job {@code job} (label {@code job-name}), as the check-pod informer caches them. */
    default List<io.fabric8.kubernetes.api.model.Pod> jobPods(String job) {
        return List.of();
    }

    /** The admission claim on {@code database} ({@link AdmissionClaim}), if one exists. */
    default Optional<ConfigMap> claim(String database) {
        return Optional.empty();
    }
}
