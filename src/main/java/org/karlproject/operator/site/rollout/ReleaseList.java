package org.karlproject.operator.site.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteRelease;

/** The site's kept revisions (status.releases), newest first, and their states. */
public final class ReleaseList {

    public static final String CANDIDATE = "Candidate";
    public static final String ACTIVE = "Active";
    public static final String KEPT = "Kept";
    public static final String ABORTED = "Aborted";

    private ReleaseList() {
    }

    /** The entry of a revision, if kept. */
    public static java.util.Optional<SiteRelease> find(KarlSiteStatus status, String revision) {
        return status.getReleases().stream().filter(r -> Objects.equals(revision, r.getRevision())).findFirst();
    }

    /** Puts the revision first with this state (keeping its {@code since} when the state does not change). */
    public static void put(KarlSiteStatus status, SiteView.Revision revision, String deployment, String state,
            String now) {
        List<SiteRelease> releases = new ArrayList<>(status.getReleases());
        SiteRelease entry = releases.stream().filter(r -> revision.hash().equals(r.getRevision())).findFirst()
                .orElseGet(SiteRelease::new);
        releases.remove(entry);
        if (!state.equals(entry.getState())) {
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
    public static void mark(KarlSiteStatus status, String revision, String state, String now) {
        for (SiteRelease r : status.getReleases()) {
            if (Objects.equals(revision, r.getRevision()) && !state.equals(r.getState())) {
                r.setState(state);
                r.setSince(now);
            }
        }
    }

    /** Every candidate other than {@code except} was superseded: it will not get traffic. */
    public static void abandonCandidates(KarlSiteStatus status, String except, String now) {
        status.getReleases().stream()
                .filter(r -> CANDIDATE.equals(r.getState()) && !Objects.equals(except, r.getRevision()))
                .forEach(r -> {
                    r.setState(ABORTED);
                    r.setSince(now);
                });
    }

    /** Keeps the {@code keep} newest revisions; the active one always stays. */
    public static void trim(KarlSiteStatus status, int keep) {
        List<SiteRelease> kept = new ArrayList<>();
        for (SiteRelease r : status.getReleases()) {
            if (kept.size() < keep || ACTIVE.equals(r.getState())) {
                kept.add(r);
            }
        }
        while (kept.size() > keep) {
            SiteRelease drop = null;
            for (SiteRelease r : kept) {
                if (!ACTIVE.equals(r.getState())) {
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
