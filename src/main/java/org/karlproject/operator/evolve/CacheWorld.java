package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

/** The {@link World} as the informer caches of {@link EvolveRunReconciler}'s event sources show it. */
final class CacheWorld implements World {
    private final Context<EvolveRun> context;
    private final String namespace;

    CacheWorld(Context<EvolveRun> context, String namespace) {
        this.context = context;
        this.namespace = namespace;
    }

    @Override
    public Optional<KarlSite> site(String name) {
        return get(KarlSite.class, EvolveRunReconciler.SITES, name);
    }

    @Override
    public Optional<ZeoDatabase> database(String name) {
        return get(ZeoDatabase.class, EvolveRunReconciler.DATABASES, name);
    }

    @Override
    public Optional<ReleaseIndex> release(String name) {
        return get(ReleaseIndex.class, EvolveRunReconciler.RELEASES, name);
    }

    @Override
    public List<ReleaseIndex> releases() {
        return source(ReleaseIndex.class, EvolveRunReconciler.RELEASES).list(namespace, r -> true).toList();
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
        return get(GenericKubernetesResource.class, EvolveRunReconciler.SNAPSHOTS, name);
    }

    @Override
    public Optional<PersistentVolumeClaim> volume(String name) {
        return get(PersistentVolumeClaim.class, EvolveRunReconciler.VOLUMES, name);
    }

    @Override
    public Optional<Job> job(String name) {
        return get(Job.class, EvolveRunReconciler.JOBS, name);
    }

    @Override
    public Optional<ConfigMap> claim(String database) {
        return get(ConfigMap.class, EvolveRunReconciler.CLAIMS, AdmissionClaim.name(database));
    }

    private <R extends HasMetadata> Optional<R> get(Class<R> type, String source, String name) {
        return name == null ? Optional.empty() : source(type, source).get(new ResourceID(name, namespace));
    }

    private <R extends HasMetadata> InformerEventSource<R, EvolveRun> source(Class<R> type, String name) {
        return (InformerEventSource<R, EvolveRun>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }
}
