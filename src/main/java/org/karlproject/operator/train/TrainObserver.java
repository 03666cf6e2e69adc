package org.karlproject.operator.train;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.VerifiedRelease;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.validation.Pep503;

/** Reads the train's caches (every watched namespace's KarlSites and ReleaseIndexes) into a {@link TrainView}. Never writes. */
final class TrainObserver {

    static final String SITES = KarlSite.class.getSimpleName();
    static final String RELEASES = ReleaseIndex.class.getSimpleName();

    private TrainObserver() {
    }

    static TrainView observe(ReleaseTrain train, Context<ReleaseTrain> context, Instant now) {
        List<ReleaseIndex> indexes = Caches.of(context, ReleaseIndex.class, RELEASES)
                .list(ri -> ri.getSpec() != null).toList();
        List<TrainView.Site> sites = Caches.of(context, KarlSite.class, SITES).list(s -> s.getSpec() != null)
                .map(TrainObserver::site).toList();
        Map<String, ReleaseIndex> byKey = indexes.stream().collect(Collectors.toMap(
                ri -> ri.getMetadata().getNamespace() + "/" + ri.getMetadata().getName(), ri -> ri, (a, b) -> a));
        List<TrainView.Release> releases = indexes.stream().map(ri -> release(ri, byKey)).toList();
        Map<String, String> movedByOthers = new java.util.TreeMap<>();
        context.getPrimaryCache().list(other -> other.getStatus() != null
                && !io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(other)
                        .equals(io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(train))).forEach(other -> other.getStatus().getSites().stream()
                        .filter(row -> row.getState() != null && row.getState().isFollowing()
                                && !row.getState().isTerminal())
                        .forEach(row -> movedByOthers.put(row.key(), other.getMetadata().getNamespace() + "/"
                                + other.getMetadata().getName())));
        return new TrainView(train.getMetadata().getNamespace(), train.getMetadata().getName(), now, sites, releases,
                movedByOthers);
    }

    private static TrainView.Site site(KarlSite site) {
        var spec = site.getSpec();
        var status = Optional.ofNullable(site.getStatus());
        Set<String> verified = status.map(s -> s.getVerifiedReleases().stream().map(VerifiedRelease::getRelease)
                .collect(Collectors.toSet())).orElse(Set.of());
        return new TrainView.Site(site.getMetadata().getNamespace(), site.getMetadata().getName(),
                Optional.ofNullable(site.getMetadata().getLabels()).orElse(Map.of()), spec.getReleaseTrain(),
                spec.getEnvironment() == Environment.production, spec.getCustomizationPackage(),
                spec.getPromotion() == null ? null : spec.getPromotion().getRequireVerifiedIn(),
                status.map(s -> s.getActiveRelease()).orElse(null), status.map(s -> s.getTargetRelease()).orElse(null),
                status.map(s -> s.getPhase()).orElse(null),
                status.map(s -> Conditions.isTrue(s.getConditions(), Conditions.READY)).orElse(false), verified);
    }

    /** A release with its chain (from its status, nearest first) read back: the root's version, every package. */
    private static TrainView.Release release(ReleaseIndex ri, Map<String, ReleaseIndex> all) {
        String namespace = ri.getMetadata().getNamespace();
        List<String> chain = ri.getStatus() == null || ri.getStatus().getChain().isEmpty()
                ? List.of(ri.getMetadata().getName()) : ri.getStatus().getChain();
        Set<String> packages = new TreeSet<>();
        String rootVersion = null;
        for (String name : chain) {
            Optional<ReleaseIndex> link = Optional.ofNullable(all.get(namespace + "/" + name));
            link.ifPresent(l -> l.getSpec().getPackages().stream().map(PackagePin::getName).map(Pep503::normalize)
                    .forEach(packages::add));
            rootVersion = link.map(l -> l.getSpec().getVersion()).orElse(null);
        }
        boolean ready = ri.getStatus() != null && Conditions.isTrue(ri.getStatus().getConditions(), Conditions.READY);
        return new TrainView.Release(namespace, ri.getMetadata().getName(), ready, rootVersion, chain.size() == 1,
                packages);
    }
}
