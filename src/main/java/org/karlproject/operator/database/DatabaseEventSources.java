package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.Unreadable;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseSpec;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * The informers a ZeoDatabase reconcile reads, and how each secondary's change finds its databases. The
 * reconciler reads only these caches ({@link #observe}), through {@link Caches}. The caches of the children
 * the operator writes (Deployment, ConfigMap, Service, NetworkPolicy, PersistentVolumeClaim, and
 * GenericKubernetesResource for VolumeSnapshots) are named after their type, so the one child writer finds
 * them ({@link Caches#child}). A backup drill's Jobs and their pods are cached too, selected by the drill label.
 */
final class DatabaseEventSources {

    static final String RUNS = "evolveruns";
    static final String SITES = "sites";
    static final String RELEASES = "releases";
    static final String SOURCES = "sources";
    static final String TRAINS = "releasetrains";
    static final String CHECK_PODS = "checkpods";
    static final String DRILL_JOBS = "drilljobs";
    static final String DRILL_PODS = "drillpods";

    private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.OPERATOR;

    private DatabaseEventSources() {
    }

    /*
     * Indexes, keyed "namespace/value": a reconcile reads the objects related to its database from them
     * (observe), and a secondary's event finds its databases in the primary cache's, instead of scanning the
     * namespace (at 1,000 databases in one namespace, the scans made a fleet's start quadratic).
     */
    /** The creator's UID label ({@value Labels#OWNER_UID}) of PVCs and VolumeSnapshots. */
    static final String BY_CREATOR = "karl-db-creator";
    /** The database label ({@value Labels#DATABASE}) of PVCs, VolumeSnapshots, drill and check Jobs and pods. */
    static final String BY_DATABASE_LABEL = "karl-db-label";
    /** A PVC's spec.dataSource name: the snapshot it is (or was) restored from. */
    static final String BY_DATA_SOURCE = "karl-db-data-source";
    /** A KarlSite's spec.database, an EvolveRun's status.database. */
    static final String BY_DATABASE = "karl-db-database";
    private static final String BY_SOURCE_SNAPSHOT = "karl-db-source-snapshot";
    private static final String BY_SOURCE_DATABASE = "karl-db-source-database";

    static List<EventSource<?, ZeoDatabase>> prepare(EventSourceContext<ZeoDatabase> context) {
        context.getPrimaryCache().addIndexers(Map.of(
                BY_SOURCE_SNAPSHOT, DatabaseEventSources::sourceSnapshotKey,
                BY_SOURCE_DATABASE, DatabaseEventSources::sourceDatabaseKey));
        return List.of(
                owned(context, Deployment.class),
                owned(context, ConfigMap.class),
                owned(context, Service.class),
                owned(context, NetworkPolicy.class),
                // every PVC of the namespace: the database's own, and the volumes evolve runs restore
                indexed(Caches.informer(InformerEventSourceConfiguration.from(PersistentVolumeClaim.class,
                        ZeoDatabase.class).withName(child(PersistentVolumeClaim.class)).withSecondaryToPrimaryMapper(DatabaseEventSources::byLabel), context),
                        Map.of(BY_CREATOR, DatabaseEventSources::creatorKey, BY_DATABASE_LABEL, DatabaseEventSources::labelKey,
                                BY_DATA_SOURCE, DatabaseEventSources::dataSourceKey)),
                // every VolumeSnapshot of the namespace: the database's own, and sources named in specs
                indexed(Caches.informer(InformerEventSourceConfiguration.from(CsiSnapshots.GVK, ZeoDatabase.class)
                        .withName(child(GenericKubernetesResource.class)).withSecondaryToPrimaryMapper(s -> union(byLabel(s),
                                primaries(context, BY_SOURCE_SNAPSHOT, s))), context),
                        Map.of(BY_CREATOR, DatabaseEventSources::creatorKey, BY_DATABASE_LABEL, DatabaseEventSources::labelKey)),
                indexed(Caches.informer(InformerEventSourceConfiguration.from(EvolveRun.class, ZeoDatabase.class)
                        .withName(RUNS).withSecondaryToPrimaryMapper(run -> run.getStatus() == null
                                || run.getStatus().getDatabase() == null ? Set.of()
                                : Set.of(new ResourceID(run.getStatus().getDatabase(), run.getMetadata().getNamespace()))), context),
                        Map.of(BY_DATABASE, run -> key(run, run.getStatus() == null ? null : run.getStatus().getDatabase()))),
                indexed(Caches.informer(InformerEventSourceConfiguration.from(KarlSite.class, ZeoDatabase.class)
                        .withName(SITES).withSecondaryToPrimaryMapper(site -> site.getSpec() == null
                                || site.getSpec().getDatabase() == null ? Set.of()
                                : Set.of(new ResourceID(site.getSpec().getDatabase(), site.getMetadata().getNamespace()))), context),
                        Map.of(BY_DATABASE, site -> key(site, site.getSpec() == null ? null : site.getSpec().getDatabase()))),
                // a release's generations matter only to databases that have none yet
                Caches.informer(InformerEventSourceConfiguration.from(ReleaseIndex.class, ZeoDatabase.class)
                        .withName(RELEASES).withSecondaryToPrimaryMapper(r -> primaries(context, r,
                                db -> db.getStatus() == null || db.getStatus().getGenerations().isEmpty())), context),
                // a source database's change (its volume appears) wakes the databases cloned from it
                Caches.informer(InformerEventSourceConfiguration.from(ZeoDatabase.class, ZeoDatabase.class)
                        .withName(SOURCES).withSecondaryToPrimaryMapper(src -> primaries(context, BY_SOURCE_DATABASE, src)), context),
                // a train asking in its status for a staging database's reseed wakes that namespace's databases
                Caches.informer(InformerEventSourceConfiguration.from(ReleaseTrain.class, ZeoDatabase.class)
                        .withName(TRAINS).withSecondaryToPrimaryMapper(train -> reseeding(train)
                                .flatMap(row -> context.getPrimaryCache().list(row.getNamespace(), db -> true)
                                        .map(ResourceID::fromResource)).collect(Collectors.toSet())), context),
                // ---- backup drills (issue #17): their verify Jobs and those Jobs' pods (termination messages) ----
                drill(context, Job.class, DRILL_JOBS),
                drill(context, Pod.class, DRILL_PODS),
                // the database's check Jobs (ZeoCheckJobs) and their pods' termination messages; added in the
                // style of the informers above
                byDatabaseLabel(Caches.informer(InformerEventSourceConfiguration.from(Job.class, ZeoDatabase.class)
                        .withName(child(Job.class)).withLabelSelector(MANAGED + "," + Labels.NAME + "=" + ZeoCheckJobs.APP)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ZeoDatabase.class, false)), context)),
                byDatabaseLabel(Caches.informer(InformerEventSourceConfiguration.from(Pod.class, ZeoDatabase.class)
                        .withName(CHECK_PODS).withLabelSelector(MANAGED + "," + Labels.NAME + "=" + ZeoCheckJobs.APP)
                        .withSecondaryToPrimaryMapper(DatabaseEventSources::byLabel), context)));
    }

    /** Only a backup drill's children (label {@value Labels#DRILL}), mapped to the database by its label. */
    private static <R extends HasMetadata> InformerEventSource<R, ZeoDatabase> drill(
            EventSourceContext<ZeoDatabase> context, Class<R> type, String name) {
        return byDatabaseLabel(Caches.informer(InformerEventSourceConfiguration.from(type, ZeoDatabase.class)
                .withName(name).withLabelSelector(MANAGED + "," + Labels.DRILL)
                .withSecondaryToPrimaryMapper(DatabaseEventSources::byLabel), context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, ZeoDatabase> byDatabaseLabel(
            InformerEventSource<R, ZeoDatabase> cache) {
        return indexed(cache, Map.of(BY_DATABASE_LABEL, DatabaseEventSources::labelKey));
    }

    private static <R extends HasMetadata> InformerEventSource<R, ZeoDatabase> indexed(
            InformerEventSource<R, ZeoDatabase> cache, Map<String, java.util.function.Function<R, List<String>>> indexers) {
        cache.addIndexers(indexers);
        return cache;
    }

    private static List<String> key(HasMetadata object, String value) {
        return value == null ? List.of() : List.of(Caches.indexKey(object.getMetadata().getNamespace(), value));
    }

    private static List<String> creatorKey(HasMetadata object) {
        return key(object, Labels.ownerUid(object));
    }

    private static List<String> dataSourceKey(PersistentVolumeClaim pvc) {
        return key(pvc, pvc.getSpec() == null || pvc.getSpec().getDataSource() == null ? null
                : pvc.getSpec().getDataSource().getName());
    }

    private static List<String> labelKey(HasMetadata object) {
        return key(object, Optional.ofNullable(object.getMetadata().getLabels()).map(l -> l.get(Labels.DATABASE))
                .orElse(null));
    }

    /** A train's rows that ask for a reseed (Reseeding, with a nonce). */
    private static Stream<TrainSite> reseeding(ReleaseTrain train) {
        return train.getStatus() == null ? Stream.empty() : train.getStatus().getSites().stream()
                .filter(row -> row.getState() == SiteState.Reseeding && row.getReseed() != null
                        && row.getNamespace() != null && row.getSite() != null);
    }

    /**
     * The reseed a release train asks of {@code db} (intent in the requester's status, the database acts): a
     * Reseeding row of a staging KarlSite in this namespace whose spec.database is {@code db}, when {@code db}
     * is cloned from another database (spec.source.database) and no production site uses it. Production data
     * is never the target: a reseed only copies from the source. Several: the smallest nonce, deterministically.
     */
    static Optional<String> trainReseed(ZeoDatabase db, List<KarlSite> sites, Stream<ReleaseTrain> trains) {
        String name = db.getMetadata().getName();
        if (source(db).map(SourceSpec::getDatabase).isEmpty() || sites.stream().anyMatch(s -> name.equals(
                s.getSpec().getDatabase()) && s.getSpec().getEnvironment() == Environment.production)) {
            return Optional.empty();
        }
        Set<String> staging = sites.stream().filter(s -> name.equals(s.getSpec().getDatabase())
                && s.getSpec().getEnvironment() != Environment.production)
                .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        return trains.flatMap(DatabaseEventSources::reseeding)
                .filter(row -> row.getNamespace().equals(db.getMetadata().getNamespace())
                        && staging.contains(row.getSite()))
                .map(TrainSite::getReseed).sorted().findFirst();
    }

    /** The name of the cache of children of {@code type}: {@link Caches#child}'s convention. */
    private static String child(Class<? extends HasMetadata> type) {
        return type.getSimpleName();
    }

    private static <R extends HasMetadata> InformerEventSource<R, ZeoDatabase> owned(
            EventSourceContext<ZeoDatabase> context, Class<R> type) {
        return Caches.informer(InformerEventSourceConfiguration.from(type, ZeoDatabase.class).withName(child(type))
                .withLabelSelector(MANAGED + "," + Labels.NAME + "=" + DatabaseObjects.APP)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ZeoDatabase.class, false)), context);
    }

    /** The index key of the VolumeSnapshot {@code db} is created from; none for a database without a spec. */
    static List<String> sourceSnapshotKey(ZeoDatabase db) {
        return key(db, source(db).map(SourceSpec::getVolumeSnapshot).orElse(null));
    }

    /** The index key of the database {@code db} is cloned from; none for a database without a spec. */
    static List<String> sourceDatabaseKey(ZeoDatabase db) {
        return key(db, source(db).map(SourceSpec::getDatabase).orElse(null));
    }

    /** A database's spec.source; none for a database without a spec (malformed: it must not break a mapper). */
    private static Optional<SourceSpec> source(ZeoDatabase db) {
        return Optional.ofNullable(db.getSpec()).map(ZeoDatabaseSpec::getSource);
    }

    private static Set<ResourceID> byLabel(HasMetadata object) {
        String db = Optional.ofNullable(object.getMetadata().getLabels()).map(l -> l.get(Labels.DATABASE)).orElse(null);
        return db == null ? Set.of() : Set.of(new ResourceID(db, object.getMetadata().getNamespace()));
    }

    private static Set<ResourceID> primaries(EventSourceContext<ZeoDatabase> context, HasMetadata secondary,
            Predicate<ZeoDatabase> which) {
        return context.getPrimaryCache().list(secondary.getMetadata().getNamespace(), which)
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** The databases of the secondary's namespace whose {@code index} holds the secondary's name. */
    private static Set<ResourceID> primaries(EventSourceContext<ZeoDatabase> context, String index,
            HasMetadata secondary) {
        return context.getPrimaryCache().byIndex(index, Caches.indexKey(secondary.getMetadata().getNamespace(),
                secondary.getMetadata().getName())).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static Set<ResourceID> union(Set<ResourceID> a, Set<ResourceID> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    /**
     * Reads everything the reconcile needs from the caches. The namespace's PVCs, snapshots and Jobs are
     * {@link NamespaceView}s: any name is looked up; iterating yields the database's own (its UID or its label),
     * and for PVCs also those restoring from one of its snapshots (a clone's, a run's, a drill's: a snapshot
     * being restored from is never pruned). Sites and runs are those on this database (spec.database,
     * status.database: every decision reads only those), by name.
     */
    static Observed observe(ZeoDatabase db, Context<ZeoDatabase> context, Instant now) {
        String ns = db.getMetadata().getNamespace();
        String name = db.getMetadata().getName();
        Optional<ZeoDatabase> source = Caches.get(context, ZeoDatabase.class, SOURCES, ns,
                source(db).map(SourceSpec::getDatabase).orElse(null)).filter(DatabaseEventSources::readable);
        List<KarlSite> sites = onThisDatabase(Caches.of(context, KarlSite.class, SITES), ns, name);
        var snapshotCache = Caches.<GenericKubernetesResource, ZeoDatabase>child(context, GenericKubernetesResource.class);
        List<GenericKubernetesResource> snapshots = related(snapshotCache, db).toList();
        var pvcCache = Caches.<PersistentVolumeClaim, ZeoDatabase>child(context, PersistentVolumeClaim.class);
        var pvcs = Stream.concat(related(pvcCache, db), snapshots.stream().flatMap(s ->
                pvcCache.byIndex(BY_DATA_SOURCE, Caches.indexKey(ns, s.getMetadata().getName())).stream()));
        var drillJobs = Caches.<Job, ZeoDatabase>of(context, Job.class, DRILL_JOBS);
        var checkJobs = Caches.<Job, ZeoDatabase>child(context, Job.class);
        return new Observed(db,
                owned(context, Deployment.class, DatabaseObjects.deploymentName(db), ns),
                owned(context, ConfigMap.class, DatabaseObjects.configMapName(db), ns),
                owned(context, Service.class, DatabaseObjects.serviceName(db), ns),
                owned(context, NetworkPolicy.class, DatabaseObjects.deploymentName(db), ns),
                NamespaceView.of(pvcCache, ns, pvcs),
                NamespaceView.of(snapshotCache, ns, snapshots.stream()),
                // malformed objects (no spec: a cluster without the CRD's required rule admits them) are
                // left out here, so that no decision reads them and one of them cannot stop every database
                onThisDatabase(Caches.of(context, EvolveRun.class, RUNS), ns, name),
                sites,
                byName(Caches.of(context, ReleaseIndex.class, RELEASES).list(ns, DatabaseEventSources::readable)),
                source, now, trainReseed(db, sites, Caches.of(context, ReleaseTrain.class, TRAINS)
                        .list(t -> t.getStatus() != null)),
                // ---- backup drills (issue #17) ----
                NamespaceView.of(drillJobs, ns, labelled(drillJobs, db)),
                labelled(Caches.<Pod, ZeoDatabase>of(context, Pod.class, DRILL_PODS), db).toList(),
                // the database's own check Jobs (ZeoCheckJobs) and their pods
                NamespaceView.of(checkJobs, ns, labelled(checkJobs, db)),
                labelled(Caches.<Pod, ZeoDatabase>of(context, Pod.class, CHECK_PODS), db).toList());
    }

    /** The readable custom resources of {@code cache} on database {@code name} ({@link #BY_DATABASE}), by name. */
    private static <R extends CustomResource<?, ?>> List<R> onThisDatabase(InformerEventSource<R, ZeoDatabase> cache,
            String ns, String name) {
        return cache.byIndex(BY_DATABASE, Caches.indexKey(ns, name)).stream().filter(DatabaseEventSources::readable)
                .sorted(java.util.Comparator.comparing(r -> r.getMetadata().getName())).toList();
    }

    /** The objects of {@code cache} that {@code db} made (its UID) or that are labelled for it. */
    private static <R extends HasMetadata> Stream<R> related(InformerEventSource<R, ZeoDatabase> cache, ZeoDatabase db) {
        String uid = db.getMetadata().getUid();
        return Stream.concat(uid == null ? Stream.empty()
                : cache.byIndex(BY_CREATOR, Caches.indexKey(db.getMetadata().getNamespace(), uid)).stream(), labelled(cache, db));
    }

    /** The objects of {@code cache} labelled for {@code db}: the label whole, or shortened to a label's 63 characters. */
    private static <R extends HasMetadata> Stream<R> labelled(InformerEventSource<R, ZeoDatabase> cache, ZeoDatabase db) {
        String name = db.getMetadata().getName();
        return Stream.of(name, Names.join(Names.MAX_LABEL, name)).distinct()
                .flatMap(label -> cache.byIndex(BY_DATABASE_LABEL, Caches.indexKey(db.getMetadata().getNamespace(), label)).stream());
    }

    /** Whether a custom resource was read in full and has a spec ({@link Unreadable}); others are skipped. */
    static boolean readable(CustomResource<?, ?> resource) {
        return resource.getSpec() != null && Unreadable.status(resource).isEmpty();
    }

    private static <R extends HasMetadata> Optional<R> owned(Context<ZeoDatabase> context, Class<R> type, String name,
            String ns) {
        return Caches.get(context, type, child(type), ns, name);
    }

    private static <R extends HasMetadata> Map<String, R> byName(Stream<R> objects) {
        return objects.filter(Objects::nonNull).collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> o,
                (a, b) -> a, java.util.TreeMap::new));
    }
}
