package org.karlproject.operator.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.reconcile.Skeleton;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;

/**
 * Accepts, resolves and publishes ReleaseIndexes; see {@code package-info} for the steps. The one reconcile
 * skeleton ({@link Skeleton}): observe ({@link Observed}: informer caches only, the ReleaseIndexes themselves
 * for the basedOn chain, the frozen copies, and the KarlSites that use a release), decide ({@link Decide},
 * pure; the SpecChanged check before validation), publish or withdraw in the registry with the verdict,
 * record the status, create the frozen copy.
 */
@ControllerConfiguration(name = "releaseindex", informer = @Informer(itemStore = LeanStore.class))
public class ReleaseIndexReconciler implements Reconciler<ReleaseIndex>, Cleaner<ReleaseIndex> {

    static final String PARENTS = "parents";
    static final String SITES = "sites";
    /** The index of {@link #SITES}: a site under each release it uses ({@link SiteReferences#releasesOf}). */
    static final String BY_RELEASE = "byRelease";

    private final ReleaseRegistry registry;
    private final Clock clock;

    @Inject
    public ReleaseIndexReconciler(ReleaseRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public ReleaseIndexReconciler(ReleaseRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ReleaseIndex>> prepareEventSources(EventSourceContext<ReleaseIndex> context) {
        // A parent's change (it becomes Ready, say) wakes the releases based on it; a child's change (it is
        // accepted, or deleted) wakes its parent, whose deletion waits for its accepted children.
        var parents = InformerEventSourceConfiguration.from(ReleaseIndex.class, ReleaseIndex.class)
                .withName(PARENTS)
                .withSecondaryToPrimaryMapper(changed -> {
                    Set<ResourceID> woken = context.getPrimaryCache()
                            .list(changed.getMetadata().getNamespace(),
                                    child -> changed.getMetadata().getName().equals(basedOn(child)))
                            .map(ResourceID::fromResource).collect(Collectors.toCollection(java.util.HashSet::new));
                    if (basedOn(changed) != null) {
                        woken.add(new ResourceID(basedOn(changed), changed.getMetadata().getNamespace()));
                    }
                    return woken;
                });
        var frozen = InformerEventSourceConfiguration.from(ConfigMap.class, ReleaseIndex.class)
                .withName(ConfigMap.class.getSimpleName()) // the child writer's convention (Caches.child)
                .withLabelSelector(Labels.COMPONENT + "=" + AcceptedReleases.COMPONENT + "," + Labels.MANAGED_BY + "="
                        + Labels.OPERATOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ReleaseIndex.class, false));
        // A site that starts or stops using a release wakes it (usedBy, deletion protection); its other
        // changes (a rollout's every status write) do not: the release reads only which releases a site uses.
        var sites = InformerEventSourceConfiguration.from(KarlSite.class, ReleaseIndex.class)
                .withName(SITES)
                .withOnUpdateFilter(ReleaseIndexReconciler::usesChanged)
                .withSecondaryToPrimaryMapper(site -> SiteReferences.releasesOf(site).stream()
                        .map(name -> new ResourceID(name, site.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()));
        var siteCache = Caches.informer(sites, context);
        siteCache.addIndexers(Map.of(BY_RELEASE, site -> SiteReferences.releasesOf(site).stream()
                .map(name -> Caches.indexKey(site.getMetadata().getNamespace(), name)).toList()));
        return List.of(Caches.informer(parents, context), Caches.informer(frozen, context), siteCache);
    }

    @Override
    public UpdateControl<ReleaseIndex> reconcile(ReleaseIndex release, Context<ReleaseIndex> context) {
        // observed per pass: the second pass of a freeze (Decide#decide) sees the frozen copy it created
        Skeleton.Pass<ReleaseIndex> pass = Skeleton.pass(release, context, clock, ReleaseIndexStatus::new,
                (primary, next, ctx) -> Decide.specChanged(Observed.of(primary, ctx), next)
                        .map(verdict -> serve(primary, verdict)),
                (primary, next, ctx) -> serve(primary, Decide.decide(Observed.of(primary, ctx), next)));
        if (pass.invalid()) {
            registry.withdraw(release.getMetadata().getNamespace(), release.getMetadata().getName());
        }
        return pass.control();
    }

    /**
     * Carries out what the registry serves with a verdict, then hands the decision to the skeleton to record:
     * a site that sees the release Ready may fetch its index at once. The decision itself stays pure.
     */
    private Decision<ReleaseIndexStatus> serve(ReleaseIndex release, Decide.Verdict verdict) {
        verdict.publication().carryOut(registry, release);
        return verdict.decision();
    }

    /**
     * Whether a site's update changes which releases it uses ({@link SiteReferences#releasesOf}): the only
     * thing a release reads of its sites. At 500 sites on three releases, every status write of every site
     * woke its release, which then read all of its sites again.
     */
    static boolean usesChanged(KarlSite after, KarlSite before) {
        return !SiteReferences.releasesOf(after).equals(SiteReferences.releasesOf(before));
    }

    private static String basedOn(ReleaseIndex release) {
        return release.getSpec() == null ? null : release.getSpec().getBasedOn();
    }

    @Override
    public DeleteControl cleanup(ReleaseIndex release, Context<ReleaseIndex> context) {
        ReleaseIndexStatus status = StatusWriter.copy(release, ReleaseIndexStatus::new, context);
        Optional<Health> blocked = Decide.deletionBlocked(Observed.of(release, context), status);
        if (blocked.isPresent()) {
            StatusWriter.record(release, Decision.of(status, blocked.get()), context, clock);
            return DeleteControl.noFinalizerRemoval();
        }
        registry.withdraw(release.getMetadata().getNamespace(), release.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }
}
