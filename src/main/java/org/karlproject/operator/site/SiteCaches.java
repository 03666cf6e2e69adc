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
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
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
                Caches.informer(referencing(ConfigMap.class, context, (cm, site) -> cm.getMetadata().getName()
                        .equals(site.getSpec().getConfig()) || isChildOf(cm, site)).withLabelSelector(Labels.SITE),
                        context),
                referenced(ReleaseIndex.class, context, (ri, site) -> SiteReferences.releasesOf(site)
                        .contains(ri.getMetadata().getName())),
                referenced(ZeoDatabase.class, context, (db, site) -> db.getMetadata().getName()
                        .equals(site.getSpec().getDatabase())),
                referenced(EvolveRun.class, context, (run, site) -> site.getMetadata().getName()
                        .equals(run.getSpec() == null ? null : run.getSpec().getSite())
                        || (run.getStatus() != null && site.getSpec().getDatabase()
                                .equals(run.getStatus().getDatabase()))),
                referenced(KarlSite.class, context, (staging, site) -> site.getSpec().getPromotion() != null
                        && staging.getMetadata().getName().equals(site.getSpec().getPromotion().getRequireVerifiedIn()))))
                .toList();
    }

    private static boolean isChildOf(HasMetadata child, KarlSite site) {
        return site.getMetadata().getName().equals(labels(child).get(Labels.SITE));
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
        return Caches.informer(config, context);
    }

    private static <R extends HasMetadata> EventSource<R, KarlSite> referenced(Class<R> type,
            EventSourceContext<KarlSite> context, BiPredicate<R, KarlSite> refersTo) {
        return Caches.informer(referencing(type, context, refersTo), context);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> referencing(Class<R> type,
            EventSourceContext<KarlSite> context, BiPredicate<R, KarlSite> refersTo) {
        return InformerEventSourceConfiguration.from(type, KarlSite.class)
                .withName(type.getSimpleName())
                .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache()
                        .list(object.getMetadata().getNamespace(), site -> site.getSpec() != null
                                && refersTo.test(object, site))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()));
    }

    /** An object of this type and name in the site's namespace, from the cache. */
    <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
        return Caches.get(context, type, type.getSimpleName(), namespace, name);
    }

    /** The site's children of this type (by the site label). */
    <R extends HasMetadata> Stream<R> children(Class<R> type, String site) {
        return list(type, o -> site.equals(labels(o).get(Labels.SITE)));
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

    /** Every KarlSite the operator watches, in any namespace. */
    Stream<KarlSite> sites() {
        return context.getPrimaryCache().list();
    }

    /** Another KarlSite, from the primary cache. */
    Optional<KarlSite> site(String name) {
        return name == null ? Optional.empty() : context.getPrimaryCache().get(new ResourceID(name, namespace));
    }
}
