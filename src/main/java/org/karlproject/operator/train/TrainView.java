package org.karlproject.operator.train;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.site.MaintenanceSpec;
import org.karlproject.operator.api.site.RolloutPhase;

/**
 * What a train decides from, read once per reconcile from the caches ({@link TrainObserver}): the train's own
 * namespace and name, every KarlSite the operator watches and every ReleaseIndex, each reduced to what the
 * train needs, the sites other trains are moving now ({@code namespace/site} to {@code namespace/train}), and
 * the sites that a train created before this one also selects ({@code namespace/site} to that train).
 */
record TrainView(String namespace, String name, Instant now, List<Site> sites, List<Release> releases,
        Map<String, String> movedByOthers, Map<String, String> claimedByFirst) {

    TrainView(String namespace, String name, Instant now, List<Site> sites, List<Release> releases,
            Map<String, String> movedByOthers) {
        this(namespace, name, now, sites, releases, movedByOthers, Map.of());
    }

    /** One KarlSite: how it is selected, where it stands, what its staging site verified, its database. */
    record Site(String namespace, String name, Map<String, String> labels, String releaseTrain, boolean production,
            String customizationPackage, String requireVerifiedIn, String activeRelease, String targetRelease,
            RolloutPhase phase, boolean ready, Set<String> verified, MaintenanceSpec maintenance,
            Database database) {

        Site(String namespace, String name, Map<String, String> labels, String releaseTrain, boolean production,
                String customizationPackage, String requireVerifiedIn, String activeRelease, String targetRelease,
                RolloutPhase phase, boolean ready, Set<String> verified) {
            this(namespace, name, labels, releaseTrain, production, customizationPackage, requireVerifiedIn,
                    activeRelease, targetRelease, phase, ready, verified, null, Database.UNKNOWN);
        }

        String key() {
            return namespace + "/" + name;
        }

        /** Ready and Stable with {@code release} active and targeted. */
        boolean runs(String release) {
            return ready && phase == RolloutPhase.Stable && release.equals(activeRelease)
                    && release.equals(targetRelease);
        }

        /** Moving to {@code release} needs an evolve: the database is behind the generations it expects. */
        boolean needsEvolve(Release release) {
            return release != null && Generations.behind(database.generations(), release.generations());
        }

        /**
         * How long an evolve is expected to hold this site read-only, and where that figure comes from: the last
         * finished EvolveRun of its database that recorded it, else {@code spec.maintenance.expectedReadOnlySeconds},
         * else unknown (0: the upgrade must only start inside an open window).
         */
        Expectation expectedReadOnly() {
            if (database.lastReadOnlySeconds() != null) {
                return new Expectation(database.lastReadOnlySeconds(), "EvolveRun " + database.lastRun());
            }
            if (maintenance != null && maintenance.getExpectedReadOnlySeconds() != null) {
                return new Expectation(maintenance.getExpectedReadOnlySeconds(),
                        "spec.maintenance.expectedReadOnlySeconds");
            }
            return new Expectation(0, "no EvolveRun of " + database.name() + " recorded it and no "
                    + "spec.maintenance.expectedReadOnlySeconds");
        }
    }

    /** The expected read-only seconds of an evolve and where the figure comes from. */
    record Expectation(long seconds, String source) {
    }

    /**
     * A site's ZeoDatabase as the train needs it: its generations, the read-only seconds the last finished
     * EvolveRun of it recorded (with that run's name), if any, its spec.source.database, and the train reseed
     * nonce whose volume it serves now (that reseed is done).
     */
    record Database(String name, Map<String, Long> generations, Long lastReadOnlySeconds, String lastRun,
            String source, String reseeded) {
        static final Database UNKNOWN = new Database(null, Map.of(), null, null);

        Database(String name, Map<String, Long> generations, Long lastReadOnlySeconds, String lastRun) {
            this(name, generations, lastReadOnlySeconds, lastRun, null, null);
        }
    }

    /**
     * One ReleaseIndex: whether it is Ready, the spec.version of its chain's root ({@code karlVersion}),
     * whether it is that root itself, the (normalised) package names pinned anywhere along its chain, and the
     * evolve generations its code expects.
     */
    record Release(String namespace, String name, boolean ready, String karlVersion, boolean root,
            Set<String> packages, Map<String, Long> generations) {

        Release(String namespace, String name, boolean ready, String karlVersion, boolean root, Set<String> packages) {
            this(namespace, name, ready, karlVersion, root, packages, Map.of());
        }
    }

    Optional<Site> site(String namespace, String name) {
        return sites.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
    }

    Optional<Release> release(String namespace, String name) {
        return releases.stream().filter(r -> r.namespace().equals(namespace) && r.name().equals(name)).findFirst();
    }
}
