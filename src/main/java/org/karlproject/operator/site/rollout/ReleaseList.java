package org.karlproject.operator.site.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.SiteRelease;

/** The site's kept revisions (status.releases), newest first, and their states. */
public final class ReleaseList {

    private ReleaseList() {
    }

    /** The entry of a revision, if kept. */
    public static java.util.Optional<SiteRelease> find(KarlSiteStatus status, String revision) {
        return status.getReleases().stream().filter(r -> Objects.equals(revision, r.getRevision())).findFirst();
    }

    /** Puts the revision first with this state (keeping its {@code since} when the state does not change). */
    public static void put(KarlSiteStatus status, SiteView.Revision revision, String deployment, ReleaseState state,
            String now) {
        List<SiteRelease> releases = new ArrayList<>(status.getReleases());
        SiteRelease entry = releases.stream().filter(r -> revision.hash().equals(r.getRevision())).findFirst()
                .orElseGet(SiteRelease::new);
        releases.remove(entry);
        if (state != entry.getState()) {
            entry.setSince(now);
        }
        entry.setRelease(revision.release());
        entry.setRevision(revision.hash());
        entry.setDeployment(deployment);
        entry.setState(state);
        releases.add(0, entry);
        status.setReleases(releases);
    }

    /** Changes the state of a kept revision in place. */
    public static void mark(KarlSiteStatus status, String revision, ReleaseState state, String now) {
        for (SiteRelease r : status.getReleases()) {
            if (Objects.equals(revision, r.getRevision()) && state != r.getState()) {
                r.setState(state);
                r.setSince(now);
            }
        }
    }

    /** Every candidate other than {@code except} was superseded: it will not get traffic. */
    public static void abandonCandidates(KarlSiteStatus status, String except, String now) {
        status.getReleases().stream()
                .filter(r -> r.getState() == ReleaseState.Candidate && !Objects.equals(except, r.getRevision()))
                .forEach(r -> {
                    r.setState(ReleaseState.Aborted);
                    r.setSince(now);
                });
    }

    /** Keeps the {@code keep} newest revisions; the active one always stays. */
    public static void trim(KarlSiteStatus status, int keep) {
        List<SiteRelease> kept = new ArrayList<>();
        for (SiteRelease r : status.getReleases()) {
            if (kept.size() < keep || r.getState() == ReleaseState.Active) {
                kept.add(r);
            }
        }
        while (kept.size() > keep) {
            SiteRelease drop = null;
            for (SiteRelease r : kept) {
                if (r.getState() != ReleaseState.Active) {
                    drop = r;
                }
            }
            if (drop == null) {
                break;
            }
            kept.remove(drop);
        }
        status.setReleases(kept);
    }
}
