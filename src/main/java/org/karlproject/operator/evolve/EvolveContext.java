package org.karlproject.operator.evolve;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.reconcile.Step;

/**
 * What one phase handler sees: the run, the status being computed ({@code status}, the same object a handler
 * gets as its second argument; handlers record what they learn in it), the time, the settings, the informer
 * caches ({@code world}) and the operator-wide slots. Nothing here writes: a handler's writes are the intents
 * in its step's plan.
 */
public record EvolveContext(EvolveRun run, EvolveRunStatus status, Instant now, EvolveSettings settings, World world,
        EvolveSlots slots) {

    /** A context with its own slots for the settings' limit (step tests; the reconciler shares one). */
    public EvolveContext(EvolveRun run, EvolveRunStatus status, Instant now, EvolveSettings settings, World world) {
        this(run, status, now, settings, world, new EvolveSlots(settings.maxConcurrent()));
    }

    public String name() {
        return run.getMetadata().getName();
    }

    public boolean dryRun() {
        return Boolean.TRUE.equals(run.getSpec().getDryRun());
    }

    public Optional<ZeoDatabase> database() {
        return Optional.ofNullable(status.getDatabase()).flatMap(world::database);
    }

    /** Whether the run's database is Ready serving {@code volume} (or serving it, stalled at its snapshot limit only). */
    public boolean databaseServes(String volume) {
        return database().map(ZeoDatabase::getStatus).filter(s -> volume != null && volume.equals(s.getActiveVolume()))
                .filter(s -> org.karlproject.operator.database.SnapshotLimit.serving(s.getConditions())).isPresent();
    }

    /** When the current phase started (its step record), or now. */
    public Instant phaseStarted() {
        List<EvolveStepRecord> steps = status.getSteps();
        return steps.isEmpty() || steps.get(steps.size() - 1).getStarted() == null ? now
                : Instant.parse(steps.get(steps.size() - 1).getStarted());
    }

    /** How long is left of {@code deadline} counted from the start of the current phase. */
    public Duration leftInPhase(Duration deadline) {
        return Duration.between(now, phaseStarted().plus(deadline));
    }

    /** Whether {@code deadline}, counted from the start of the current phase, has passed. */
    public boolean pastInPhase(Duration deadline) {
        Duration left = leftInPhase(deadline);
        return left.isNegative() || left.isZero();
    }

    /**
     * The read-only budget: a failure step once it is spent, otherwise empty. Counts from
     * {@code status.readOnlySince}; a dry run has no read-only window and no budget.
     */
    public Optional<Step<EvolvePhase>> budgetSpent() {
        if (dryRun() || status.getReadOnlySince() == null) {
            return Optional.empty();
        }
        long budget = run.getSpec().getReadOnlyBudgetSeconds();
        if (budgetLeft().isNegative() || budgetLeft().isZero()) {
            return Optional.of(Steps.fail("ReadOnlyBudgetExceeded", "the site was read-only for more than "
                    + "spec.readOnlyBudgetSeconds (" + budget + "s) before the switch; aborted in phase "
                    + status.getPhase() + ", the original volume keeps serving"));
        }
        return Optional.empty();
    }

    /** Time left of the read-only budget (a long time when there is none). */
    public Duration budgetLeft() {
        if (dryRun() || status.getReadOnlySince() == null) {
            return Duration.ofDays(365);
        }
        Instant since = Instant.parse(status.getReadOnlySince());
        return Duration.between(now, since.plusSeconds(run.getSpec().getReadOnlyBudgetSeconds()));
    }
}
