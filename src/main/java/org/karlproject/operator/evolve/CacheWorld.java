package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;

/**
 * The {@link World} as the informer caches of {@link EvolveRunReconciler}'s event sources show it: one per
 * type, named after it ({@link Caches#child}), looked up typed through {@link Caches}.
 */
final class CacheWorld implements World {
    /** The label the Job controller puts on a Job's pods. */
    static final String JOB_NAME = "job-name";
    private final Context<EvolveRun> context;
    private final String namespace;

    CacheWorld(Context<EvolveRun> context, String namespace) {
        this.context = context;
        this.namespace = namespace;
    }

    @Override
    public Optional<KarlSite> site(String name) {
        return get(KarlSite.class, name);
    }

    @Override
    public Optional<ZeoDatabase> database(String name) {
        return get(ZeoDatabase.class, name);
    }

    @Override
    public Optional<ReleaseIndex> release(String name) {
        return get(ReleaseIndex.class, name);
    }

    @Override
    public List<ReleaseIndex> releases() {
        return Caches.child(context, ReleaseIndex.class).list(namespace, r -> true).toList();
    }

    @Override
    public List<KarlSite> sites() {
        return Caches.child(context, KarlSite.class).list(namespace, s -> s.getSpec() != null).toList();
    }

    @Override
    public List<EvolveRun> runs() {
        return context.getPrimaryCache().list(namespace, r -> r.getSpec() != null).toList(); // malformed: skipped
    }

    @Override
    public List<EvolveRun> allRuns() {
        return context.getPrimaryCache().list(r -> r.getSpec() != null).toList(); // malformed: skipped
    }

    @Override
    public Optional<GenericKubernetesResource> snapshot(String name) {
        return get(GenericKubernetesResource.class, name);
    }

    @Override
    public Optional<PersistentVolumeClaim> volume(String name) {
        return get(PersistentVolumeClaim.class, name);
    }

    @Override
    public Optional<Job> job(String name) {
        return get(Job.class, name);
    }

    @Override
    public List<io.fabric8.kubernetes.api.model.Pod> jobPods(String job) {
        return Caches.child(context, io.fabric8.kubernetes.api.model.Pod.class).list(namespace,
                p -> p.getMetadata().getLabels() != null && job.equals(p.getMetadata().getLabels().get(JOB_NAME))).toList();
    }

    @Override
    public Optional<ConfigMap> claim(String database) {
        return get(ConfigMap.class, AdmissionClaim.name(database));
    }

    private <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
        return Caches.get(context, type, type.getSimpleName(), namespace, name);
    }
}
