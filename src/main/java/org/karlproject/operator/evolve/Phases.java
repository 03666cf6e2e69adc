package org.karlproject.operator.evolve;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.evolve.StepOutcome;
import org.karlproject.operator.api.evolve.SwitchBackReason;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * The phase table (one handler per phase) and the bookkeeping of a phase change: the step records, the
 * child names recorded on entering a phase (before any child is created), the read-only window, the
 * durations. Pure.
 */
public final class Phases {
    /** A phase's handler: the one contract of phased kinds, on what an evolve run observes. */
    private static final Map<EvolvePhase, PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase>> HANDLERS = new EnumMap<>(EvolvePhase.class);

    static {
        HANDLERS.put(EvolvePhase.Pending, cancellable(new PendingHandler()));
        HANDLERS.put(EvolvePhase.BaseSnapshot, cancellable(withinBudget(SnapshotHandler.base())));
        HANDLERS.put(EvolvePhase.EnteringReadOnly, cancellable(withinBudget(new EnteringReadOnlyHandler())));
        HANDLERS.put(EvolvePhase.FinalSnapshot, cancellable(withinBudget(SnapshotHandler.last())));
        HANDLERS.put(EvolvePhase.Restoring, cancellable(withinBudget(new RestoringHandler())));
        HANDLERS.put(EvolvePhase.Evolving, cancellable(withinBudget(new EvolvingHandler())));
        HANDLERS.put(EvolvePhase.Verifying, cancellable(withinBudget(new VerifyingHandler())));
        HANDLERS.put(EvolvePhase.Switching, cancellable(new SwitchingHandler()));
        HANDLERS.put(EvolvePhase.AwaitingTraffic, new AwaitingTrafficHandler());
        HANDLERS.put(EvolvePhase.LeavingReadOnly, new LeavingReadOnlyHandler());
        HANDLERS.put(EvolvePhase.SwitchingBack, new SwitchingBackHandler());
        HANDLERS.put(EvolvePhase.Succeeded, new TerminalHandler());
        HANDLERS.put(EvolvePhase.Failed, new TerminalHandler());
    }

    private Phases() {
    }

    /**
     * A run its site cancels (the site's {@code status.cancelEvolveRuns}) stops: before the volume switch it
     * fails at once (the original volume keeps serving, nothing lost; the hold ends with the phase), in
     * Switching it switches back. AwaitingTraffic handles the cancel itself; LeavingReadOnly is past it.
     */
    private static PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> cancellable(
            PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> handler) {
        return (ctx, status) -> {
            if (!SiteIntent.cancelled(ctx)) {
                return handler.handle(ctx, status);
            }
            String message = "KarlSite " + ctx.run().getSpec().getSite() + " cancelled this run (its "
                    + "status.cancelEvolveRuns) in phase " + ctx.status().getPhase();
            if (ctx.status().getPhase() == EvolvePhase.Switching) {
                return SwitchingBackHandler.enter(ctx, SwitchBackReason.Cancelled, message);
            }
            return Steps.fail("Cancelled", message + "; nothing was switched, the original volume keeps serving");
        };
    }

    /**
     * Every phase before Switching fails the run once the read-only budget is spent, and otherwise looks
     * again when it runs out. From Switching on the way back is a switch back to the original volume: Switching
     * has its own deadline, AwaitingTraffic the site's (the site cancels).
     */
    private static PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> withinBudget(
            PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> handler) {
        return (ctx, status) -> {
            java.util.Optional<Step<EvolvePhase>> spent = ctx.budgetSpent();
            if (spent.isPresent()) {
                return spent.get();
            }
            Step<EvolvePhase> step = handler.handle(ctx, status);
            return step.moves() || ctx.dryRun() || ctx.status().getReadOnlySince() == null ? step
                    : step.recheckAfter(ctx.budgetLeft());
        };
    }

    public static PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> handler(EvolvePhase phase) {
        return HANDLERS.get(phase);
    }

    /** A new run: phase Pending, its first step record open. */
    public static void start(EvolveRunStatus status, Instant now) {
        status.setPhase(EvolvePhase.Pending);
        status.getSteps().add(record(EvolvePhase.Pending, now));
    }

    /** Applies a handler's decision to the status; nothing when it stays. */
    public static void apply(EvolveRunStatus status, Step<EvolvePhase> step, EvolveRun run, Instant now) {
        if (!step.moves()) {
            return;
        }
        List<EvolveStepRecord> steps = status.getSteps();
        if (!steps.isEmpty()) {
            EvolveStepRecord current = steps.get(steps.size() - 1);
            current.setFinished(time(now));
            current.setOutcome(step.next() == EvolvePhase.Failed || step.next() == EvolvePhase.SwitchingBack
                    ? StepOutcome.Failed : StepOutcome.Succeeded);
            current.setMessage(step.message());
        }
        status.setPhase(step.next());
        if (step.next().isTerminal()) {
            Instant started = steps.isEmpty() ? now : Instant.parse(steps.get(0).getStarted());
            status.setDurationSeconds(seconds(started, now));
            if (status.getReadOnlySince() != null && status.getReadOnlySeconds() == null) {
                status.setReadOnlySeconds(seconds(Instant.parse(status.getReadOnlySince()), now));
            }
            return;
        }
        steps.add(record(step.next(), now));
        enter(status, step.next(), run.getMetadata().getName(), now);
    }

    /** What a phase records before it acts: the names of the children it will create, the read-only start. */
    static void enter(EvolveRunStatus status, EvolvePhase phase, String run, Instant now) {
        switch (phase) {
            case BaseSnapshot -> status.setBaseSnapshot(ChildNames.baseSnapshot(run));
            case EnteringReadOnly -> status.setReadOnlySince(time(now));
            case FinalSnapshot -> status.setFinalSnapshot(ChildNames.finalSnapshot(run));
            case Restoring -> status.setRestoredVolume(ChildNames.restoredVolume(run));
            case Evolving -> status.setJob(ChildNames.job(run));
            case Verifying -> status.setVerifyJob(ChildNames.verifyJob(run));
            default -> {
            }
        }
    }

    private static EvolveStepRecord record(EvolvePhase phase, Instant now) {
        EvolveStepRecord record = new EvolveStepRecord();
        record.setName(phase);
        record.setStarted(time(now));
        record.setOutcome(StepOutcome.Running);
        return record;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, to.truncatedTo(ChronoUnit.SECONDS).getEpochSecond() - from.getEpochSecond());
    }
}
