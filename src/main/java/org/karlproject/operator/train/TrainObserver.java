package org.karlproject.operator.train;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.database.DatabaseObjects;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.VerifiedRelease;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.validation.Pep503;

/**
 * Reads the train's caches (every watched namespace's KarlSites, ReleaseIndexes, ZeoDatabases and EvolveRuns,
 * and the other trains) into a {@link TrainView}. Never writes.
 */
final class TrainObserver {

    static final String SITES = KarlSite.class.getSimpleName();
    static final String RELEASES = ReleaseIndex.class.getSimpleName();
    static final String DATABASES = ZeoDatabase.class.getSimpleName();
    static final String RUNS = EvolveRun.class.getSimpleName();
    static final String TRAINS = "other" + ReleaseTrain.class.getSimpleName();

    /** Which of two trains came first: the older creationTimestamp, then namespace/name. */
    static final Comparator<ReleaseTrain> FIRST = Comparator
            .comparing((ReleaseTrain t) -> Optional.ofNullable(t.getMetadata().getCreationTimestamp())
                    .map(Instant::parse).orElse(Instant.MAX))
            .thenComparing(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());

    private TrainObserver() {
    }

    static TrainView observe(ReleaseTrain train, Context<ReleaseTrain> context, Instant now) {
        List<ReleaseIndex> indexes = Caches.of(context, ReleaseIndex.class, RELEASES)
                .list(ri -> ri.getSpec() != null).toList();
        Map<String, TrainView.Database> databases = databases(context);
        List<TrainView.Site> sites = Caches.of(context, KarlSite.class, SITES).list(s -> s.getSpec() != null)
                .map(s -> site(s, databases)).toList();
        Map<String, ReleaseIndex> byKey = indexes.stream().collect(Collectors.toMap(
                ri -> ri.getMetadata().getNamespace() + "/" + ri.getMetadata().getName(), ri -> ri, (a, b) -> a));
        List<TrainView.Release> releases = indexes.stream().map(ri -> release(ri, byKey)).toList();
        ResourceID self = ResourceID.fromResource(train);
        List<ReleaseTrain> others = context.getPrimaryCache()
                .list(other -> !ResourceID.fromResource(other).equals(self)).toList();
        Map<String, String> movedByOthers = new TreeMap<>();
        others.stream().filter(other -> other.getStatus() != null).forEach(other -> other.getStatus().getSites()
                .stream().filter(row -> row.getState() != null && (row.getState() == SiteState.Reseeding
                        || row.getState().isFollowing() && !row.getState().isTerminal()))
                .forEach(row -> movedByOthers.put(row.key(), key(other))));
        return new TrainView(train.getMetadata().getNamespace(), train.getMetadata().getName(), now, sites, releases,
                movedByOthers, claimedByFirst(train, others, sites));
    }

    /**
     * The sites that a train which came first ({@link #FIRST}) and is still under way also selects, each with
     * the first such train. A train that is done (Succeeded, Completed) or aborted claims nothing: next week's
     * train need not wait for last week's to be deleted (which, before git catches up, would roll sites back).
     */
    static Map<String, String> claimedByFirst(ReleaseTrain train, List<ReleaseTrain> others,
            List<TrainView.Site> sites) {
        Map<String, String> claimed = new TreeMap<>();
        others.stream().filter(other -> other.getSpec() != null && FIRST.compare(other, train) < 0)
                .filter(TrainObserver::underWay)
                .sorted(FIRST.reversed()) // the oldest last: it wins the put
                .forEach(other -> Selection.of(other.getSpec(), other.getMetadata().getNamespace(),
                        other.getMetadata().getName(), sites).forEach(site -> claimed.put(site.key(), key(other))));
        return claimed;
    }

    /** Not aborted, and not done: no status yet, or a phase other than Succeeded and Completed. */
    static boolean underWay(ReleaseTrain train) {
        var status = train.getStatus();
        return status == null || status.getAbortedAt() == null && status.getPhase() != TrainPhase.Succeeded
                && status.getPhase() != TrainPhase.Completed && status.getPhase() != TrainPhase.Aborted;
    }

    private static String key(ReleaseTrain train) {
        return train.getMetadata().getNamespace() + "/" + train.getMetadata().getName();
    }

    /** Each database's generations and the read-only seconds of the newest finished EvolveRun that recorded them. */
    private static Map<String, TrainView.Database> databases(Context<ReleaseTrain> context) {
        Map<String, EvolveRun> lastRun = new TreeMap<>();
        Caches.of(context, EvolveRun.class, RUNS).list(run -> run.getStatus() != null
                && run.getStatus().getDatabase() != null && run.getStatus().getReadOnlySeconds() != null
                && run.getStatus().getPhase() != null && run.getStatus().getPhase().isTerminal())
                .forEach(run -> lastRun.merge(run.getMetadata().getNamespace() + "/" + run.getStatus().getDatabase(),
                        run, (a, b) -> newer(a, b)));
        Map<String, TrainView.Database> databases = new TreeMap<>();
        Caches.of(context, ZeoDatabase.class, DATABASES).list(db -> true).forEach(db -> {
            String key = db.getMetadata().getNamespace() + "/" + db.getMetadata().getName();
            Optional<EvolveRun> run = Optional.ofNullable(lastRun.get(key));
            databases.put(key, new TrainView.Database(db.getMetadata().getName(),
                    db.getStatus() == null ? Map.of() : db.getStatus().getGenerations(),
                    run.map(r -> r.getStatus().getReadOnlySeconds()).orElse(null),
                    run.map(r -> r.getMetadata().getName()).orElse(null),
                    db.getSpec() == null || db.getSpec().getSource() == null ? null
                            : db.getSpec().getSource().getDatabase(), reseeded(db)));
        });
        return databases;
    }

    /** The train reseed nonce whose volume the database now serves (its reseed is done), if any. */
    private static String reseeded(ZeoDatabase db) {
        var status = db.getStatus();
        if (status == null || status.getTrainReseedNonce() == null || db.getSpec() == null) {
            return null;
        }
        return DatabaseObjects.volumeFor(db, status.getTrainReseedNonce()).equals(status.getActiveVolume())
                ? status.getTrainReseedNonce() : null;
    }

    private static EvolveRun newer(EvolveRun a, EvolveRun b) {
        Comparator<EvolveRun> byCreation = Comparator.comparing((EvolveRun r) -> Optional
                .ofNullable(r.getMetadata().getCreationTimestamp()).orElse(""))
                .thenComparing(r -> r.getMetadata().getName());
        return byCreation.compare(a, b) >= 0 ? a : b;
    }

    private static TrainView.Site site(KarlSite site, Map<String, TrainView.Database> databases) {
        var spec = site.getSpec();
        var status = Optional.ofNullable(site.getStatus());
        Set<String> verified = status.map(s -> s.getVerifiedReleases().stream().map(VerifiedRelease::getRelease)
                .collect(Collectors.toSet())).orElse(Set.of());
        TrainView.Database database = databases.getOrDefault(site.getMetadata().getNamespace() + "/"
                + spec.getDatabase(), new TrainView.Database(spec.getDatabase(), Map.of(), null, null));
        return new TrainView.Site(site.getMetadata().getNamespace(), site.getMetadata().getName(),
                Optional.ofNullable(site.getMetadata().getLabels()).orElse(Map.of()), spec.getReleaseTrain(),
                spec.getEnvironment() == Environment.production, spec.getCustomizationPackage(),
                spec.getPromotion() == null ? null : spec.getPromotion().getRequireVerifiedIn(),
                status.map(s -> s.getActiveRelease()).orElse(null), status.map(s -> s.getTargetRelease()).orElse(null),
                status.map(s -> s.getPhase()).orElse(null),
                status.map(s -> Conditions.isTrue(s.getConditions(), Conditions.READY)).orElse(false), verified,
                spec.getMaintenance(), database);
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
        Map<String, Long> generations = ri.getStatus() == null || ri.getStatus().getGenerations() == null ? Map.of()
                : ri.getStatus().getGenerations();
        return new TrainView.Release(namespace, ri.getMetadata().getName(), ready, rootVersion, chain.size() == 1,
                packages, generations);
    }
}
