package org.karlproject.operator.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.Owners;

/**
 * Everything one reconcile of a ReleaseIndex knows, read from informer caches before anything is decided.
 *
 * @param releases the namespace's ReleaseIndexes by name, from the informer whose events wake the children
 *     (not the primary cache: the two informers can lag each other, and a child that read a stale parent from
 *     one after the other delivered the parent's Ready event would wait for an event that already came)
 * @param frozen the frozen copies (accepted-spec ConfigMaps) of this release and of the namespace's others, by name
 * @param sites the KarlSites that run the release, are moving to it or keep it for rollback
 */
record Observed(ReleaseIndex release, Map<String, ReleaseIndex> releases, Map<String, ConfigMap> frozen,
        List<KarlSite> sites) {

    static Observed of(ReleaseIndex release, Context<ReleaseIndex> context) {
        String namespace = release.getMetadata().getNamespace();
        Map<String, ReleaseIndex> releases = byName(Caches.of(context, ReleaseIndex.class,
                ReleaseIndexReconciler.PARENTS).list(namespace));
        // by name, not by listing: a copy this operator just created is in the cache's get, not yet in its list
        Map<String, ConfigMap> frozen = new TreeMap<>();
        Stream.concat(Stream.of(release.getMetadata().getName()), releases.keySet().stream())
                .map(AcceptedReleases::configMapName).distinct()
                .forEach(name -> Caches.get(context, ConfigMap.class, ConfigMap.class.getSimpleName(), namespace, name)
                        .ifPresent(copy -> frozen.put(name, copy)));
        // from the synced cache's index, not JOSDK's secondary resources (built from events: Caches#informer)
        List<KarlSite> sites = Caches.of(context, KarlSite.class, ReleaseIndexReconciler.SITES)
                .byIndex(ReleaseIndexReconciler.BY_RELEASE, Caches.indexKey(namespace, release.getMetadata().getName()));
        return new Observed(release, releases, frozen, List.copyOf(sites));
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, R> byName(Stream<R> objects) {
        return objects.collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> o, (a, b) -> a, TreeMap::new));
    }

    String namespace() {
        return release.getMetadata().getNamespace();
    }

    String name() {
        return release.getMetadata().getName();
    }

    /** The accepted spec of {@code r} ({@link AcceptedReleases#acceptedSpec}), its frozen copy from the cache. */
    Optional<ReleaseIndexSpec> acceptedSpec(ReleaseIndex r) {
        return AcceptedReleases.acceptedSpec(r, name -> Optional.ofNullable(frozen.get(name)));
    }

    /**
     * Whether the frozen copy of this release exists: the ConfigMap of its name whose controller is this
     * release's UID (a predecessor's copy, under the same name until the garbage collector takes it, is not).
     */
    boolean isFrozen() {
        ConfigMap copy = frozen.get(AcceptedReleases.configMapName(name()));
        return copy != null && Owners.controlledBy(copy, release);
    }

    /** The parent {@code name} as the basedOn chain sees it: missing, not accepted yet, or its accepted spec. */
    EffectiveRelease.Parent parentOf(String name) {
        ReleaseIndex parent = releases.get(name);
        if (parent == null) {
            return EffectiveRelease.Parent.MISSING;
        }
        return acceptedSpec(parent).map(spec -> new EffectiveRelease.Parent(true, spec))
                .orElse(EffectiveRelease.Parent.NOT_READY);
    }

    /** The sites that use this release ({@link SiteReferences}), sorted. */
    List<String> usedBy() {
        return List.copyOf(sites.stream().filter(site -> SiteReferences.releasesOf(site).contains(name()))
                .map(site -> site.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The accepted releases whose accepted spec is based on this one: each serves an index that includes this
     * release's pins, so it uses the release as a site does. A child not accepted yet (one on a cycle, say)
     * serves nothing and does not count.
     */
    List<String> basedOnBy() {
        return releases.values().stream()
                .filter(child -> acceptedSpec(child).map(spec -> name().equals(spec.getBasedOn())).orElse(false))
                .map(child -> child.getMetadata().getName()).sorted().toList();
    }
}
