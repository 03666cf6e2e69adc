package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.release.SiteReferences;

/**
 * The KarlSite reconciler's event sources, and typed lookups in their caches: a site reads only these.
 * Children carry the site label and map back by it; the objects a site refers to (its ReleaseIndexes, its
 * ZeoDatabase, its config ConfigMap, its EvolveRuns, the staging site of its promotion gate) map back to the
 * sites that refer to them.
 */
final class SiteCaches {

    private final Context<KarlSite> context;
    private final String namespace;

    SiteCaches(Context<KarlSite> context, KarlSite site) {
        this.context = context;
        this.namespace = site.getMetadata().getNamespace();
    }

    static List<EventSource<?, KarlSite>> eventSources(EventSourceContext<KarlSite> context) {
        indexSites(context);
        return Stream.<EventSource<?, KarlSite>>concat(SiteRoutes.gatewayEventSource(context).stream(), Stream.of(
                children(Deployment.class, context),
                children(Service.class, context),
                children(Job.class, context),
                children(CronJob.class, context),
                Autoscaling.eventSource(context),
                SiteRoutes.eventSource(context),
                TrainTarget.eventSource(context),
                // only ConfigMaps with the site label: the site's own, and the settings ConfigMaps users label
                // (docs/sites.md), never every ConfigMap of the cluster
                bySite(Caches.informer(referencing(ConfigMap.class, context, cm -> Stream.concat(
                        Optional.ofNullable(labels(cm).get(Labels.SITE)).stream(),
                        sitesBy(context, BY_CONFIG, cm))).withLabelSelector(Labels.SITE), context)),
                referenced(ReleaseIndex.class, context, ri -> sitesBy(context, BY_RELEASE, ri)),
                referenced(ZeoDatabase.class, context, db -> sitesBy(context, BY_DATABASE, db)),
                referenced(EvolveRun.class, context, run -> Stream.concat(
                        Optional.ofNullable(run.getSpec() == null ? null : run.getSpec().getSite()).stream(),
                        run.getStatus() == null || run.getStatus().getDatabase() == null ? Stream.<String>empty()
                                : sitesBy(context, BY_DATABASE, run.getMetadata().getNamespace(),
                                        run.getStatus().getDatabase()))),
                referenced(KarlSite.class, context, staging -> sitesBy(context, BY_STAGING, staging))))
                .toList();
    }

    /*
     * The sites by what they refer to, indexed in the primary cache: an event of a referenced object finds its
     * sites in the index instead of testing every site of the namespace (at 1,000 sites, every ConfigMap,
     * database and run event did that).
     */
    private static final String BY_CONFIG = "karl-site-config";
    private static final String BY_RELEASE = "karl-site-release";
    private static final String BY_DATABASE = "karl-site-database";
    private static final String BY_STAGING = "karl-site-staging";
    /** Every host name a site asks for ({@link SiteRoutes#hosts}), cluster-wide: host names are. */
    static final String BY_HOST = "karl-site-host";

    private static void indexSites(EventSourceContext<KarlSite> context) {
        context.getPrimaryCache().addIndexers(Map.of(
                BY_CONFIG, site -> keys(site, site.getSpec() == null ? Stream.empty()
                        : Stream.ofNullable(site.getSpec().getConfig())),
                BY_RELEASE, site -> keys(site, SiteReferences.releasesOf(site).stream()),
                BY_DATABASE, site -> keys(site, site.getSpec() == null ? Stream.empty()
                        : Stream.ofNullable(site.getSpec().getDatabase())),
                BY_STAGING, site -> keys(site, site.getSpec() == null || site.getSpec().getPromotion() == null
                        ? Stream.empty() : Stream.ofNullable(site.getSpec().getPromotion().getRequireVerifiedIn())),
                BY_HOST, site -> site.getSpec() == null ? List.of() : SiteRoutes.hosts(site).stream().distinct().toList()));
    }

    private static List<String> keys(KarlSite site, Stream<String> names) {
        return names.map(name -> Caches.indexKey(site.getMetadata().getNamespace(), name)).toList();
    }

    private static Stream<String> sitesBy(EventSourceContext<KarlSite> context, String index, HasMetadata referenced) {
        return sitesBy(context, index, referenced.getMetadata().getNamespace(), referenced.getMetadata().getName());
    }

    private static Stream<String> sitesBy(EventSourceContext<KarlSite> context, String index, String namespace,
            String name) {
        return context.getPrimaryCache().byIndex(index, Caches.indexKey(namespace, name)).stream()
                .map(site -> site.getMetadata().getName());
    }

    private static Map<String, String> labels(HasMetadata o) {
        return Optional.ofNullable(o.getMetadata().getLabels()).orElse(Map.of());
    }

    private static <R extends HasMetadata> EventSource<R, KarlSite> children(Class<R> type,
            EventSourceContext<KarlSite> context) {
        var config = InformerEventSourceConfiguration.from(type, KarlSite.class)
                .withName(type.getSimpleName())
                .withLabelSelector(Labels.SITE + "," + Labels.MANAGED_BY + "=" + Labels.OPERATOR)
                .withSecondaryToPrimaryMapper(child -> Optional.ofNullable(labels(child).get(Labels.SITE))
                        .map(site -> Set.of(new ResourceID(site, child.getMetadata().getNamespace())))
                        .orElse(Set.of()));
        return bySite(Caches.informer(config, context));
    }

    /**
     * The index of a cache by site label ({@code namespace/site}): a site's children are read from it, not by
     * scanning the whole cache (at 1,000 sites the scans took a fifth of a new process's reconcile time).
     */
    static final String SITE_INDEX = "karl-site";

    private static <R extends HasMetadata> InformerEventSource<R, KarlSite> bySite(InformerEventSource<R, KarlSite> cache) {
        cache.addIndexers(Map.of(SITE_INDEX, o -> Optional.ofNullable(labels(o).get(Labels.SITE))
                .map(site -> List.of(Caches.indexKey(o.getMetadata().getNamespace(), site))).orElse(List.of())));
        return cache;
    }

    private static <R extends HasMetadata> EventSource<R, KarlSite> referenced(Class<R> type,
            EventSourceContext<KarlSite> context, Function<R, Stream<String>> sites) {
        return Caches.informer(referencing(type, context, sites), context);
    }

    /** An informer of {@code type} whose object wakes the sites (of its namespace, by name) that {@code sites} names. */
    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> referencing(Class<R> type,
            EventSourceContext<KarlSite> context, Function<R, Stream<String>> sites) {
        return InformerEventSourceConfiguration.from(type, KarlSite.class)
                .withName(type.getSimpleName())
                .withSecondaryToPrimaryMapper(object -> sites.apply(object)
                        .map(site -> new ResourceID(site, object.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()));
    }

    /** An object of this type and name in the site's namespace, from the cache. */
    <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
        return Caches.get(context, type, type.getSimpleName(), namespace, name);
    }

    /** The site's children of this type (by the site label), from the cache's index (as listing it would). */
    <R extends HasMetadata> Stream<R> children(Class<R> type, String site) {
        return Caches.<R, KarlSite>of(context, type, type.getSimpleName()).byIndex(SITE_INDEX, Caches.indexKey(namespace, site))
                .stream();
    }

    /** Objects of this type in the namespace matching a predicate. */
    <R extends HasMetadata> Stream<R> list(Class<R> type, Predicate<R> predicate) {
        return Caches.of(context, type, type.getSimpleName()).list(namespace, predicate);
    }

    /** Objects of this type in every namespace the operator watches (the host names' owners, {@link SiteRoutes}). */
    <R extends HasMetadata> Stream<R> everywhere(Class<R> type) {
        return Caches.of(context, type, type.getSimpleName()).list(o -> true);
    }

    /** Whether the reconciler has a cache of this type (the HTTPRoute one only where the Gateway API is served). */
    boolean caches(Class<? extends HasMetadata> type) {
        try {
            Caches.of(context, type, type.getSimpleName());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The KarlSites (any namespace) that ask for one of {@code site}'s host names, {@code site} among them:
     * the only ones whose claims decide its routes ({@link HostnameOwners#taken}), from the primary cache's
     * host index, not a scan of every site per reconcile.
     */
    Stream<KarlSite> claimants(KarlSite site) {
        return claimants(context.getPrimaryCache(), SiteRoutes.hosts(site));
    }

    /** The sites that ask for one of {@code hosts}, each once. */
    static Stream<KarlSite> claimants(IndexedResourceCache<KarlSite> cache, Collection<String> hosts) {
        Map<ResourceID, KarlSite> sites = new LinkedHashMap<>();
        hosts.stream().distinct().flatMap(host -> cache.byIndex(BY_HOST, host).stream())
                .forEach(s -> sites.putIfAbsent(ResourceID.fromResource(s), s));
        return sites.values().stream();
    }

    /** Another KarlSite, from the primary cache. */
    Optional<KarlSite> site(String name) {
        return name == null ? Optional.empty() : context.getPrimaryCache().get(new ResourceID(name, namespace));
    }
}
