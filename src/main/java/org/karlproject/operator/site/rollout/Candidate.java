package org.karlproject.operator.site.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.VerifiedRelease;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;

/** The candidate's way to traffic: evolved first if needed, then ready (or restored), smoke-checked. */
final class Candidate {

    private Candidate() {
    }

    /**
     * Deploying: the candidate's Deployment comes up within the progress deadline, against data at its own
     * generations (after an evolve: the evolved copy, still read-only).
     */
    static Step<RolloutPhase> deploying(SiteView view, KarlSiteStatus next) {
        Optional<SiteView.Workload> candidate = view.deployment(next.getTargetRevision());
        if (next.getDataRestore() == null && !generationsPending(view, next)
                && Generations.behind(view.database().generations(), view.releases().wantedGenerations())) {
            return Step.to(RolloutPhase.Evolving, Health.progressing("Evolving", "database "
                    + view.database().name() + " is behind " + next.getTargetRelease()));
        }
        if (candidate.isPresent() && candidate.get().ready()) {
            boolean kept = ReleaseList.find(next, next.getTargetRevision())
                    .filter(r -> r.getState() == ReleaseState.Kept).isPresent();
            if (kept) { // a fast rollback: this revision served before and passed its smoke check then
                return Step.to(RolloutPhase.Switching, Health.progressing("Switching", "rolling back to "
                        + next.getTargetRelease() + " (a kept release: no smoke check)"));
            }
            return Step.to(RolloutPhase.SmokeChecking, Health.progressing("SmokeChecking", "checking "
                    + next.getTargetRelease() + " through the preview Service"));
        }
        if (Rollout.pastDeadline(view, next)) {
            return Rollout.abort(view, next, "RolloutAborted", "candidate " + next.getTargetRelease()
                    + " was not ready within " + view.site().settings().progressDeadlineSeconds() + "s (deadline "
                    + next.getProgressDeadline() + ")");
        }
        return Step.to(RolloutPhase.Deploying, Health.progressing("Deploying", "waiting for candidate "
                + next.getTargetRelease() + " (revision " + next.getTargetRevision() + ") to become ready"));
    }

    /**
     * A database without generations is new, and KARL initialises it at its code's version: no evolve. But
     * once a release has served on it, empty generations only mean the database has not recorded them yet:
     * deciding "not behind" then would skip an evolve the data needs.
     */
    static boolean generationsPending(SiteView view, KarlSiteStatus next) {
        return next.getActiveRelease() != null && view.database().generations().isEmpty()
                && !view.releases().wantedGenerations().isEmpty();
    }

    /**
     * Evolving: an EvolveRun brings the database to the candidate's generations before any pod of the
     * candidate runs.
     */
    static Step<RolloutPhase> evolving(SiteView view, KarlSiteStatus next) {
        Optional<SiteView.Evolve> run = view.evolveFor(next.getTargetRelease(), next.getRolloutStartedAt());
        run.ifPresent(r -> next.setEvolveRun(r.name()));
        // The database's own generations decide: an EvolveRun that succeeded earlier (before a data-restore
        // rollback, say) proves nothing about the data served now. A run under way goes on until the database
        // serves the evolved copy, still read-only, and awaits this site's traffic switch (AwaitingTraffic):
        // only then does the candidate start, against the evolved copy.
        boolean awaitsTraffic = run.map(r -> r.phase() == EvolvePhase.AwaitingTraffic
                || r.phase() == EvolvePhase.LeavingReadOnly).orElse(false);
        boolean runUnderWay = run.map(r -> r.phase() == null || !r.phase().isTerminal()).orElse(false);
        if (!Generations.behind(view.database().generations(), view.releases().wantedGenerations())
                && (awaitsTraffic || !runUnderWay)) {
            next.setProgressDeadline(Rollout.deadline(view)); // the candidate gets its full deadline
            return Step.to(RolloutPhase.Deploying, Health.progressing("Deploying", "database evolved; deploying "
                    + next.getTargetRelease() + " against it"));
        }
        boolean manual = view.site().settings().evolvePolicy() == EvolvePolicy.Manual;
        if (run.isPresent() && run.get().phase() == EvolvePhase.Failed) {
            if (!manual) {
                return Rollout.abort(view, next, "EvolveFailed", "EvolveRun " + run.get().name() + " failed ("
                        + run.get().reason() + "); the database keeps its original volume");
            }
            return Step.to(RolloutPhase.Evolving, Health.progressing("WaitingForManualEvolve", "EvolveRun "
                    + run.get().name() + " failed; create another EvolveRun with spec.site: " + view.site().name()
                    + " and spec.release: " + next.getTargetRelease()));
        }
        if (run.isEmpty() && manual) {
            return Step.to(RolloutPhase.Evolving, Health.progressing("WaitingForManualEvolve", "database "
                    + view.database().name() + " is behind " + next.getTargetRelease() + " and spec.evolve.policy "
                    + "is Manual: create an EvolveRun with spec.site: " + view.site().name() + " and spec.release: "
                    + next.getTargetRelease()));
        }
        if (run.isPresent() && run.get().phase() == EvolvePhase.Succeeded) {
            return Step.to(RolloutPhase.Evolving, Health.progressing("EvolveRunOutdated", "EvolveRun "
                    + run.get().name() + " succeeded, but database " + view.database().name() + " is behind "
                    + next.getTargetRelease() + " again (restored since?): delete that EvolveRun so a new one "
                    + "can run, or create another with spec.site: " + view.site().name() + " and spec.release: "
                    + next.getTargetRelease()));
        }
        if (run.isPresent()) {
            return Step.to(RolloutPhase.Evolving, Health.progressing("Evolving", "EvolveRun " + run.get().name()
                    + " is in phase " + run.get().phase()));
        }
        // Automatic, behind, no run of this attempt yet: the status names the run (a name of this attempt's
        // own) before it is created, so the run is created once, after that name is recorded
        String name = view.evolveRunName(next.getTargetRelease(), next.getRolloutStartedAt());
        next.setEvolveRun(name);
        return Step.to(RolloutPhase.Evolving, Health.progressing("Evolving", "creating EvolveRun " + name))
                .with(Plan.none().create(view.evolves().newRun().of(next.getTargetRelease(), name)));
    }

    /**
     * RestoringData: the database switches back to the retained volume the kept release expects, read-only
     * (the site's request holds it so until the traffic switch), before any pod of that release runs.
     */
    static Step<RolloutPhase> restoringData(SiteView view, KarlSiteStatus next) {
        if (next.getDataRestore() == null) {
            return Step.to(RolloutPhase.Pending, Health.progressing("Pending", "no data restore requested"));
        }
        SiteView.Database db = view.database();
        if (db.ready() && next.getDataRestore().getVolume().equals(db.activeVolume())) {
            next.setProgressDeadline(Rollout.deadline(view)); // the candidate gets its full deadline
            return Step.to(RolloutPhase.Deploying, Health.progressing("Deploying", "database restored, read-only; "
                    + "deploying " + next.getTargetRelease() + " against it"));
        }
        if (Rollout.pastDeadline(view, next)) {
            return Rollout.abort(view, next, "DataRestoreTimedOut", "ZeoDatabase " + db.name()
                    + " did not serve the retained volume " + next.getDataRestore().getVolume() + " and become Ready within "
                    + view.site().settings().progressDeadlineSeconds() + "s (deadline " + next.getProgressDeadline()
                    + "); it goes back to " + next.getDataRestore().getBackTo() + ", which nothing wrote since (read-only)");
        }
        return Step.to(RolloutPhase.RestoringData, restoring(view, next));
    }

    static Health restoring(SiteView view, KarlSiteStatus next) {
        return Health.progressing("RestoringData", "waiting for ZeoDatabase " + view.database().name()
                + " to serve retained volume " + next.getDataRestore().getVolume() + "; writes since "
                + next.getDataRestore().getDiscardsWritesSince() + " are discarded");
    }

    /** SmokeChecking: a Job GETs the candidate through the preview Service. */
    static Step<RolloutPhase> smokeChecking(SiteView view, KarlSiteStatus next) {
        switch (view.smokeCheck(next.getTargetRevision(), next.getRolloutStartedAt())) {
            case SUCCEEDED -> {
                verified(next, view);
                return Step.to(RolloutPhase.Switching, Health.progressing("Switching", "smoke check passed; "
                        + "switching traffic to " + next.getTargetRelease()));
            }
            case FAILED -> {
                return Rollout.abort(view, next, "SmokeCheckFailed", "the smoke check of " + next.getTargetRelease()
                        + " (GET " + view.site().settings().smokePath() + ", expecting "
                        + view.site().settings().smokeExpectStatus()
                        + ") failed");
            }
            default -> {
                if (Rollout.pastDeadline(view, next)) {
                    return Rollout.abort(view, next, "SmokeCheckFailed", "the smoke check of "
                            + next.getTargetRelease() + " did not pass within the progress deadline ("
                            + next.getProgressDeadline() + ")");
                }
                return Step.to(RolloutPhase.SmokeChecking, Health.progressing("SmokeChecking", "checking "
                        + next.getTargetRelease() + " through the preview Service"));
            }
        }
    }

    private static void verified(KarlSiteStatus next, SiteView view) {
        List<VerifiedRelease> verified = new ArrayList<>(next.getVerifiedReleases());
        if (verified.stream().noneMatch(v -> next.getTargetRelease().equals(v.getRelease()))) {
            VerifiedRelease v = new VerifiedRelease();
            v.setRelease(next.getTargetRelease());
            v.setVerifiedAt(view.site().now().toString());
            verified.add(0, v);
            next.setVerifiedReleases(verified);
        }
    }
}
