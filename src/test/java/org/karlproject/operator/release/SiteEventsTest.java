package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.bench.Fleet;

/**
 * Which site updates wake a ReleaseIndex: those that change the releases the site uses (what usedBy and the
 * deletion protection read), never the rest of a rollout's status writes.
 */
class SiteEventsTest {

    private static KarlSite running(String release) {
        KarlSite site = Fleet.site("acme", release);
        KarlSiteStatus status = new KarlSiteStatus();
        status.setActiveRelease(release);
        status.setPhase(RolloutPhase.Deploying);
        site.setStatus(status);
        return site;
    }

    @Test
    void aStatusWriteThatKeepsTheSitesReleasesWakesNoRelease() {
        KarlSite before = running("karl-3-30");
        KarlSite after = running("karl-3-30");
        after.getStatus().setPhase(RolloutPhase.SmokeChecking);
        assertFalse(ReleaseIndexReconciler.usesChanged(after, before));
    }

    @Test
    void aNewTargetAKeptRollbackReleaseOrALeftReleaseWakesTheReleases() {
        KarlSite before = running("karl-3-30");
        KarlSite moving = running("karl-3-30");
        moving.getSpec().setRelease("karl-3-31");
        assertTrue(ReleaseIndexReconciler.usesChanged(moving, before), "spec.release moved");
        KarlSite keeping = running("karl-3-30");
        SiteRelease kept = new SiteRelease();
        kept.setRelease("karl-3-29");
        keeping.getStatus().getReleases().add(kept);
        assertTrue(ReleaseIndexReconciler.usesChanged(keeping, before), "a release kept for rollback");
        assertTrue(ReleaseIndexReconciler.usesChanged(before, keeping), "a rollback release let go");
    }
}
