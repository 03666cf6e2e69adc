package org.karlproject.operator.train;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.site.RolloutPhase;

/**
 * What a train decides from, read once per reconcile from the caches ({@link TrainObserver}): the train's own
 * namespace and name, every KarlSite the operator watches and every ReleaseIndex, each reduced to what the
 * train needs, and the sites other trains are moving now ({@code namespace/site} to {@code namespace/train}).
 */
record TrainView(String namespace, String name, Instant now, List<Site> sites, List<Release> releases,
        Map<String, String> movedByOthers) {

    /** One KarlSite: how it is selected, where it stands, what its staging site verified. */
    record Site(String namespace, String name, Map<String, String> labels, String releaseTrain, boolean production,
            String customizationPackage, String requireVerifiedIn, String activeRelease, String targetRelease,
            RolloutPhase phase, boolean ready, Set<String> verified) {

        String key() {
            return namespace + "/" + name;
        }

        /** Ready and Stable with {@code release} active and targeted. */
        boolean runs(String release) {
            return ready && phase == RolloutPhase.Stable && release.equals(activeRelease)
                    && release.equals(targetRelease);
        }
    }

    /**
     * One ReleaseIndex: whether it is Ready, the spec.version of its chain's root ({@code karlVersion}),
     * whether it is that root itself, and the (normalised) package names pinned anywhere along its chain.
     */
    record Release(String namespace, String name, boolean ready, String karlVersion, boolean root,
            Set<String> packages) {
    }

    Optional<Site> site(String namespace, String name) {
        return sites.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
    }
}
