package org.karlproject.operator.site.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Health;

/**
 * The rollout state machine: a table from phase to handler, and the one rule that applies in every phase
 * (a new target starts a new rollout). {@link #decide} steps through handlers until one stays in its phase,
 * so one reconcile moves as far as the observation allows.
 */
public final class Rollout {

    private static final Map<RolloutPhase, PhaseHandler<SiteView, KarlSiteStatus, RolloutPhase>> HANDLERS = new EnumMap<>(RolloutPhase.class);

    static {
        HANDLERS.put(RolloutPhase.Pending, Routing::pending);
        HANDLERS.put(RolloutPhase.Blocked, Routing::blocked);
        HANDLERS.put(RolloutPhase.AwaitingPromotion, Routing::awaitingPromotion);
        HANDLERS.put(RolloutPhase.Deploying, Candidate::deploying);
        HANDLERS.put(RolloutPhase.Evolving, Candidate::evolving);
        HANDLERS.put(RolloutPhase.RestoringData, Candidate::restoringData);
        HANDLERS.put(RolloutPhase.SmokeChecking, Candidate::smokeChecking);
        HANDLERS.put(RolloutPhase.Switching, Switch::switching);
        HANDLERS.put(RolloutPhase.Stable, Switch::stable);
        HANDLERS.put(RolloutPhase.Aborted, Switch::aborted);
    }

    private Rollout() {
    }

    /** The handler of a phase (every phase has one). */
    public static PhaseHandler<SiteView, KarlSiteStatus, RolloutPhase> handler(RolloutPhase phase) {
        return HANDLERS.get(phase);
    }

    /**
     * The outcome of one decision: the phase the rollout ends up in, the step that put it there (its verdict),
     * the phases it passed through, and the writes to children the steps asked for, in order.
     */
    public record Decision(RolloutPhase phase, Step<RolloutPhase> step, List<RolloutPhase> path, Plan plan) {

        /** The verdict to record. */
        public Health health() {
            return step.verdict();
        }
    }

    /** Decides from {@code view}, advancing {@code next} (a copy of the observed status) in place. */
    public static Decision decide(SiteView view, KarlSiteStatus next) {
        List<RolloutPhase> path = new ArrayList<>();
        Cancels.prune(view, next);
        if (view.releases().wanted().isEmpty()) {
            RolloutPhase phase = next.getPhase() == null ? RolloutPhase.Pending : next.getPhase();
            next.setPhase(phase);
            return new Decision(phase, Step.to(phase, view.releases().waiting()), path, Plan.none());
        }
        retarget(view, next);
        RolloutPhase phase = next.getPhase();
        path.add(phase);
        Plan plan = Plan.none();
        for (int i = 0; i < 2 * RolloutPhase.values().length; i++) {
            Step<RolloutPhase> step = handler(phase).handle(view, next);
            plan.and(step.plan());
            RolloutPhase after = step.phaseAfter(phase);
            next.setPhase(after);
            if (after == phase) {
                return new Decision(after, step, path, plan);
            }
            phase = after;
            path.add(phase);
            if (phase == RolloutPhase.Aborted || phase == RolloutPhase.Blocked) {
                return new Decision(phase, step, path, plan); // the step that got there carries the verdict
            }
        }
        throw new IllegalStateException("rollout phases did not settle: " + path);
    }

    /**
     * A wanted revision other than the recorded target starts a new rollout, recorded before anything is
     * created; so does an aborted rollout once the spec changed (a new generation): no retry storm.
     */
    static void retarget(SiteView view, KarlSiteStatus next) {
        SiteView.Revision wanted = view.releases().wanted().orElseThrow();
        boolean newTarget = !wanted.hash().equals(next.getTargetRevision());
        boolean retry = next.getPhase() == RolloutPhase.Aborted && next.getAbortedGeneration() != null
                && next.getAbortedGeneration() != view.site().generation();
        if (next.getPhase() == null) {
            next.setPhase(RolloutPhase.Pending);
        }
        if (!newTarget && !retry) {
            return;
        }
        String now = view.site().now().toString();
        next.setTargetRelease(wanted.release());
        next.setTargetRevision(wanted.hash());
        next.setRolloutStartedAt(now);
        next.setProgressDeadline(deadline(view));
        next.setAbortedGeneration(null);
        Restores.abandon(next); // a new target: a restore under way is given up, the database goes back
        Cancels.cancel(view, next); // a rollback or re-target during the evolve: the run gives up first
        next.setEvolveRun(null);
        next.setPhase(RolloutPhase.Pending);
        ReleaseList.abandonCandidates(next, wanted.hash(), now);
        boolean kept = ReleaseList.find(next, wanted.hash()).filter(r -> r.getState() == ReleaseState.Kept)
                .isPresent(); // a rollback: the entry stays Kept (fast path) until it is active again
        if (!Objects.equals(wanted.hash(), next.getActiveRevision()) && !kept) {
            ReleaseList.put(next, wanted, SiteNames.deployment(view.site().name(), wanted.release(), wanted.hash()),
                    ReleaseState.Candidate, now);
        }
    }

    /** Now plus the progress deadline. */
    static String deadline(SiteView view) {
        return view.site().now().plusSeconds(view.site().settings().progressDeadlineSeconds()).toString();
    }

    static boolean pastDeadline(SiteView view, KarlSiteStatus next) {
        return next.getProgressDeadline() != null
                && view.site().now().isAfter(Instant.parse(next.getProgressDeadline()));
    }

    /**
     * Records the abort: the candidate never gets traffic, an unfinished evolve run of this rollout is
     * cancelled, and the site waits for a spec change.
     */
    static Step<RolloutPhase> abort(SiteView view, KarlSiteStatus next, String reason, String message) {
        next.setAbortedGeneration(view.site().generation());
        Restores.abandon(next);
        boolean backing = Cancels.cancel(view, next);
        ReleaseList.mark(next, next.getTargetRevision(), ReleaseState.Aborted, view.site().now().toString());
        String keeps = (next.getActiveRelease() == null ? "no release serves yet"
                : "release " + next.getActiveRelease() + " stays active")
                + (backing ? "; EvolveRun " + next.getEvolveRun() + " is cancelled: the database goes back to its "
                        + "original volume, untouched since the final snapshot" : "");
        return Step.to(RolloutPhase.Aborted, Health.stalled(reason, message + "; the candidate never received "
                + "traffic and " + keeps + ". Change the spec (e.g. spec.release) to try again."));
    }
}
