package org.karlproject.operator.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.CachedWrites;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Accepts, resolves and publishes ReleaseIndexes; see {@code package-info} for the steps. It reads only
 * informer caches: the ReleaseIndexes themselves (for the basedOn chain), the frozen copies, and the
 * KarlSites that use a release.
 */
@ControllerConfiguration(name = "releaseindex")
public class ReleaseIndexReconciler implements Reconciler<ReleaseIndex>, Cleaner<ReleaseIndex> {

    static final String PARENTS = "parents";
    static final String FROZEN = "frozen";
    static final String SITES = "sites";
    static final java.time.Duration WAIT_BACKSTOP = java.time.Duration.ofSeconds(30);

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
                })
                .build();
        var frozen = InformerEventSourceConfiguration.from(ConfigMap.class, ReleaseIndex.class)
                .withName(FROZEN)
                .withLabelSelector(Labels.COMPONENT + "=" + AcceptedReleases.COMPONENT + "," + Labels.MANAGED_BY + "="
                        + Labels.OPERATOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ReleaseIndex.class, false))
                .build();
        // A site that starts or stops using a release wakes it (usedBy, deletion protection).
        var sites = InformerEventSourceConfiguration.from(KarlSite.class, ReleaseIndex.class)
                .withName(SITES)
                .withSecondaryToPrimaryMapper(site -> SiteReferences.releasesOf(site).stream()
                        .map(name -> new ResourceID(name, site.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(parents, context), new InformerEventSource<>(frozen, context),
                new InformerEventSource<>(sites, context));
    }

    @Override
    public UpdateControl<ReleaseIndex> reconcile(ReleaseIndex release, Context<ReleaseIndex> context) {
        ReleaseIndexStatus status = copyOrNew(release.getStatus());
        status.setUsedBy(usedBy(release, context));
        status.setBasedOnBy(basedOnBy(release, context));
        Health health = decide(release, status, context);
        finish(release, status, health, context);
        // Waiting for a parent is event-driven; the periodic look is only a backstop.
        return health.state() == Health.State.PROGRESSING
                ? UpdateControl.<ReleaseIndex>noUpdate().rescheduleAfter(WAIT_BACKSTOP)
                : UpdateControl.noUpdate();
    }

    /** Works out the verdict and publishes (or withdraws) the index; writes only the frozen copy, once. */
    private Health decide(ReleaseIndex release, ReleaseIndexStatus status, Context<ReleaseIndex> context) {
        String namespace = release.getMetadata().getNamespace();
        String name = release.getMetadata().getName();
        Optional<ReleaseIndexSpec> accepted = AcceptedReleases.acceptedSpec(release, frozenLookup(release, context));
        boolean wasAccepted = status.getSpecDigest() != null;
        if (wasAccepted && !status.getSpecDigest().equals(SpecDigest.of(release.getSpec()))) {
            accepted.flatMap(spec -> resolve(release, spec, context).map(EffectiveRelease.Resolution::release))
                    .ifPresent(registry::publish);
            return Health.stalled("SpecChanged", "spec changed after the release was accepted (accepted spec sha256 "
                    + status.getSpecDigest() + "); a ReleaseIndex is immutable: restore the accepted spec, or create "
                    + "a new ReleaseIndex for a new release. The accepted content is still served.");
        }
        List<Violation> violations = Validator.shared().validate(release);
        if (!violations.isEmpty()) {
            registry.withdraw(namespace, name);
            return Health.stalled("InvalidSpec", violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; ")));
        }
        EffectiveRelease.Resolution resolution = EffectiveRelease.resolve(namespace, name, release.getSpec(),
                parent -> parentOf(namespace, parent, context));
        if (!resolution.ok()) {
            registry.withdraw(namespace, name);
            EffectiveRelease.Problem problem = resolution.problem();
            if (problem.kind() == EffectiveRelease.Problem.Kind.PARENT_NOT_READY) {
                // a release on a cycle is never accepted: without this look, each would wait for the next forever
                Optional<String> cycle = ChainCycle.of(name, parentsSource(context).list(namespace).toList());
                if (cycle.isPresent()) {
                    return Health.stalled("BasedOnCycle", "spec.basedOn: " + cycle.get());
                }
            }
            return switch (problem.kind()) {
                case PARENT_MISSING, PARENT_NOT_READY -> Health.progressing("WaitingForParent", problem.message());
                case CYCLE -> Health.stalled("BasedOnCycle", problem.field() + ": " + problem.message());
                case CONFLICT -> Health.stalled("PackageConflict", problem.field() + ": " + problem.message());
            };
        }
        EffectiveRelease effective = resolution.release();
        ConfigMap frozenCopy = AcceptedReleases.freeze(release);
        var frozen = frozenSource(context);
        if (frozen.get(ResourceID.fromResource(frozenCopy)).isEmpty()) {
            // through the cache: the next reconcile sees it even before its watch event (no second create)
            new CachedWrites(context.getClient()).create(frozen, frozenCopy);
        }
        registry.publish(effective);
        status.setSpecDigest(SpecDigest.of(release.getSpec()));
        status.setPackageCount(effective.packages().size());
        status.setGenerations(new java.util.TreeMap<>(effective.generations()));
        status.setChain(effective.chain());
        status.setIndexPath(ReleaseIndexEndpoint.simplePath(namespace, name));
        return Health.ready("Published", effective.packages().size() + " pinned packages served at "
                + status.getIndexPath());
    }

    private Optional<EffectiveRelease.Resolution> resolve(ReleaseIndex release, ReleaseIndexSpec spec,
            Context<ReleaseIndex> context) {
        String namespace = release.getMetadata().getNamespace();
        EffectiveRelease.Resolution resolution = EffectiveRelease.resolve(namespace, release.getMetadata().getName(),
                spec, parent -> parentOf(namespace, parent, context));
        return resolution.ok() ? Optional.of(resolution) : Optional.empty();
    }

    private EffectiveRelease.Parent parentOf(String namespace, String name, Context<ReleaseIndex> context) {
        // From the informer whose events wake the children, not the primary cache: the two informers can
        // lag each other, and a child that read a stale parent from one after the other delivered the
        // parent's Ready event would wait for an event that already came.
        Optional<ReleaseIndex> parent = parentsSource(context).get(new ResourceID(name, namespace));
        if (parent.isEmpty()) {
            return EffectiveRelease.Parent.MISSING;
        }
        return AcceptedReleases.acceptedSpec(parent.get(), frozenLookup(parent.get(), context))
                .map(spec -> new EffectiveRelease.Parent(true, spec))
                .orElse(EffectiveRelease.Parent.NOT_READY);
    }

    /** The informer of the ReleaseIndexes as parents and children of others. */
    @SuppressWarnings("unchecked")
    private static InformerEventSource<ReleaseIndex, ReleaseIndex> parentsSource(Context<ReleaseIndex> context) {
        return (InformerEventSource<ReleaseIndex, ReleaseIndex>) context.eventSourceRetriever()
                .getEventSourceFor(ReleaseIndex.class, PARENTS);
    }

    private static String basedOn(ReleaseIndex release) {
        return release.getSpec() == null ? null : release.getSpec().getBasedOn();
    }

    /** The informer of the accepted-spec ConfigMaps. */
    @SuppressWarnings("unchecked")
    private static InformerEventSource<ConfigMap, ReleaseIndex> frozenSource(Context<ReleaseIndex> context) {
        return (InformerEventSource<ConfigMap, ReleaseIndex>) context.eventSourceRetriever()
                .getEventSourceFor(ConfigMap.class, FROZEN);
    }

    private static java.util.function.Function<String, Optional<ConfigMap>> frozenLookup(ReleaseIndex release,
            Context<ReleaseIndex> context) {
        var source = frozenSource(context);
        return cmName -> source.get(new ResourceID(cmName, release.getMetadata().getNamespace()));
    }

    private static List<String> usedBy(ReleaseIndex release, Context<ReleaseIndex> context) {
        Set<String> sites = new TreeSet<>();
        context.getSecondaryResources(KarlSite.class).stream()
                .filter(site -> SiteReferences.releasesOf(site).contains(release.getMetadata().getName()))
                .forEach(site -> sites.add(site.getMetadata().getName()));
        return List.copyOf(sites);
    }

    /**
     * The accepted releases whose accepted spec is based on {@code release}: each serves an index that
     * includes this release's pins, so it uses the release as a site does. A child not accepted yet (one
     * on a cycle, say) serves nothing and does not count.
     */
    private static List<String> basedOnBy(ReleaseIndex release, Context<ReleaseIndex> context) {
        String name = release.getMetadata().getName();
        return parentsSource(context).list(release.getMetadata().getNamespace())
                .filter(child -> AcceptedReleases.acceptedSpec(child, frozenLookup(child, context))
                        .map(spec -> name.equals(spec.getBasedOn())).orElse(false))
                .map(child -> child.getMetadata().getName())
                .sorted().toList();
    }

    @Override
    public DeleteControl cleanup(ReleaseIndex release, Context<ReleaseIndex> context) {
        ReleaseIndexStatus status = copyOrNew(release.getStatus());
        status.setUsedBy(usedBy(release, context));
        status.setBasedOnBy(basedOnBy(release, context));
        if (!status.getUsedBy().isEmpty() || !status.getBasedOnBy().isEmpty()) {
            finish(release, status, Health.progressing("DeletionBlocked", deletionBlocked(status)), context);
            return DeleteControl.noFinalizerRemoval();
        }
        registry.withdraw(release.getMetadata().getNamespace(), release.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }

    private static String deletionBlocked(ReleaseIndexStatus status) {
        List<String> users = new java.util.ArrayList<>();
        if (!status.getUsedBy().isEmpty()) {
            users.add("KarlSite(s) " + String.join(", ", status.getUsedBy()));
        }
        if (!status.getBasedOnBy().isEmpty()) {
            users.add("ReleaseIndex(es) based on it " + String.join(", ", status.getBasedOnBy()));
        }
        return "still used by " + String.join(" and ", users) + "; it is deleted once no site runs it or keeps it "
                + "for rollback (move the sites to another release, or lower their rollout.keepReleases) and no "
                + "accepted release is based on it (delete those first)";
    }

    private void finish(ReleaseIndex release, ReleaseIndexStatus status, Health health, Context<ReleaseIndex> context) {
        StatusWriter.writeVerdict(release, status, health, context, clock);
    }

    private static ReleaseIndexStatus copyOrNew(ReleaseIndexStatus observed) {
        ReleaseIndexStatus status = new ReleaseIndexStatus();
        if (observed != null) {
            status.setSpecDigest(observed.getSpecDigest());
            status.setPackageCount(observed.getPackageCount());
            status.setGenerations(observed.getGenerations());
            status.setChain(observed.getChain());
            status.setIndexPath(observed.getIndexPath());
            status.setConditions(observed.getConditions());
        }
        return status;
    }
}
