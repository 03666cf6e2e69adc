package org.karlproject.operator.site.rollout;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.site.DataRestoreRequest;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;

/**
 * Where a newly recorded target goes: nowhere (already active), the promotion gate, a data restore, an
 * evolve (before any pod of the target runs), or deploying. A run this site cancelled finishes first.
 */
final class Routing {

    /** Where a blocked rollout, routed again, goes through Pending instead (everything but staying blocked). */
    private static final Set<RolloutPhase> ROUTED_ON = EnumSet.of(RolloutPhase.Deploying, RolloutPhase.Evolving,
            RolloutPhase.RestoringData, RolloutPhase.Stable, RolloutPhase.AwaitingPromotion);

    private Routing() {
    }

    /** Pending: a target is recorded; route it. */
    static Step<RolloutPhase> pending(SiteView view, KarlSiteStatus next) {
        Optional<String> cancelled = Cancels.pending(view, next);
        if (cancelled.isPresent()) { // its database goes back to the original volume first
            return Step.to(RolloutPhase.Pending, Health.progressing("WaitingForCancel", "waiting for EvolveRun "
                    + cancelled.get() + ", cancelled by this site, to give up its evolve of ZeoDatabase "
                    + view.database().name()));
        }
        if (Restores.undoing(view, next)) { // no pod of the new target may start on the restored data
            return Step.to(RolloutPhase.Pending, Health.progressing("UndoingDataRestore", "waiting for ZeoDatabase "
                    + view.database().name() + " to serve " + next.getAbandonedDataRestore().getBackTo()
                    + " again instead of " + next.getAbandonedDataRestore().getVolume()
                    + " (a data restore this site gave up)"));
        }
        if (Objects.equals(next.getTargetRevision(), next.getActiveRevision())) {
            return Step.to(RolloutPhase.Stable, Health.progressing("Stable", "target is already active"));
        }
        if (!promoted(view, next)) {
            return Step.to(RolloutPhase.AwaitingPromotion, awaiting(view, next));
        }
        if (Generations.ahead(view.database().generations(), view.releases().wantedGenerations())) {
            Optional<PreviousVolume> volume = Generations.restoreVolume(view.database().previousVolumes(),
                    view.releases().wantedGenerations());
            if (volume.isEmpty()) {
                return Step.to(RolloutPhase.Blocked, Health.stalled("DatabaseAhead", "ZeoDatabase "
                        + view.database().name() + " was evolved to " + view.database().generations() + ", past what "
                        + "release " + next.getTargetRelease() + " expects ("
                        + view.releases().wantedGenerations() + "), and "
                        + "no retained volume holds data at those generations: roll forward (set spec.release to a "
                        + "release at or above the database's generations)"));
            }
            if (!view.site().settings().allowDataRestore()) {
                return Step.to(RolloutPhase.Blocked, Health.stalled("DataRestoreRequired", "rolling back to "
                        + next.getTargetRelease() + " needs the database's pre-evolve volume " + volume.get().getName()
                        + ": either set spec.rollback.allowDataRestore: true, accepting the loss of every write "
                        + "since " + volume.get().getRetiredAt() + ", or roll forward (set spec.release to "
                        + Optional.ofNullable(next.getActiveRelease()).orElse("a newer release") + ")"));
            }
            if (next.getDataRestore() == null) {
                DataRestoreRequest request = new DataRestoreRequest();
                request.setVolume(volume.get().getName());
                request.setRelease(next.getTargetRelease());
                request.setDiscardsWritesSince(volume.get().getRetiredAt());
                request.setRequestedAt(view.site().now().toString());
                request.setBackTo(view.database().activeVolume());
                next.setDataRestore(request);
                next.setAbandonedDataRestore(null); // the new request replaces the one given up
            }
            // the data first, read-only (the request is also a hold): no pod of the target runs on newer data
            return Step.to(RolloutPhase.RestoringData, Candidate.restoring(view, next));
        }
        if (Candidate.generationsPending(view, next)) {
            if (Rollout.pastDeadline(view, next)) {
                return Rollout.abort(view, next, "RolloutAborted", "ZeoDatabase " + view.database().name()
                        + " did not record its generations within " + view.site().settings().progressDeadlineSeconds()
                        + "s (deadline " + next.getProgressDeadline() + ")");
            }
            return Step.to(RolloutPhase.Pending, Health.progressing("WaitingForDatabase", "waiting for ZeoDatabase "
                    + view.database().name() + " to record the generations of " + next.getActiveRelease()
                    + " (a new database records them once its first site is Ready): only then is it known "
                    + "whether " + next.getTargetRelease() + " needs an evolve"));
        }
        if (next.getDataRestore() == null
                && Generations.behind(view.database().generations(), view.releases().wantedGenerations())) {
            // the evolve comes first: no pod of the new release runs before its data is there
            return Step.to(RolloutPhase.Evolving, Health.progressing("Evolving", "database "
                    + view.database().name() + " is behind " + next.getTargetRelease() + ": evolving it first"));
        }
        return Step.to(RolloutPhase.Deploying, Health.progressing("Deploying", "deploying " + next.getTargetRelease()));
    }

    /** Blocked: waits for consent (or a roll forward); routes again on every observation. */
    static Step<RolloutPhase> blocked(SiteView view, KarlSiteStatus next) {
        Step<RolloutPhase> routed = pending(view, next);
        return ROUTED_ON.contains(routed.next()) ? Step.to(RolloutPhase.Pending, routed.verdict()) : routed;
    }

    /** AwaitingPromotion: the staging site has not verified the release yet; the deadline starts once it has. */
    static Step<RolloutPhase> awaitingPromotion(SiteView view, KarlSiteStatus next) {
        if (!promoted(view, next)) {
            return Step.to(RolloutPhase.AwaitingPromotion, awaiting(view, next));
        }
        next.setProgressDeadline(Rollout.deadline(view));
        return Step.to(RolloutPhase.Pending, Health.progressing("Promoted", next.getTargetRelease()
                + " was verified in " + view.site().settings().requireVerifiedIn()));
    }

    private static boolean promoted(SiteView view, KarlSiteStatus next) {
        return view.site().settings().requireVerifiedIn() == null
                || view.releases().stagingVerified().contains(next.getTargetRelease())
                || ReleaseList.find(next, next.getTargetRevision())
                        .filter(r -> r.getState() == ReleaseState.Kept).isPresent();
    }

    private static Health awaiting(SiteView view, KarlSiteStatus next) {
        return Health.progressing("AwaitingPromotion", "release " + next.getTargetRelease() + " must first be "
                + "active and smoke-checked in KarlSite " + view.site().settings().requireVerifiedIn()
                + " (its status.verifiedReleases)");
    }
}
