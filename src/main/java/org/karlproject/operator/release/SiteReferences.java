package org.karlproject.operator.release;

import java.util.Set;
import java.util.TreeSet;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.SiteRelease;

/** Which ReleaseIndexes a KarlSite runs, is moving to, or keeps for rollback. */
public final class SiteReferences {

    private SiteReferences() {
    }

    public static Set<String> releasesOf(KarlSite site) {
        Set<String> releases = new TreeSet<>();
        addIfSet(releases, site.getSpec() == null ? null : site.getSpec().getRelease());
        if (site.getStatus() != null) {
            addIfSet(releases, site.getStatus().getActiveRelease());
            addIfSet(releases, site.getStatus().getTargetRelease());
            addIfSet(releases, site.getStatus().getLastStableRelease());
            for (SiteRelease kept : site.getStatus().getReleases()) {
                addIfSet(releases, kept.getRelease());
            }
        }
        return releases;
    }

    private static void addIfSet(Set<String> releases, String release) {
        if (release != null && !release.isBlank()) {
            releases.add(release);
        }
    }
}
