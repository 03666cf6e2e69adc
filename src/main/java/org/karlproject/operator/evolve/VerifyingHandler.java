package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.TransactionEvidence;
import org.karlproject.operator.api.evolve.Verification;
import org.karlproject.operator.api.evolve.VerificationCheck;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.database.DatabaseObjects;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 6: prove the data before the switch, still read-only on the original volume. First the verify Job (the
 * release image's {@code verify}, the copy mounted read-only) checks storage, references, generations and the
 * reindexed catalog indexes, and reports them in its termination message; a failed check, a failed Job or one
 * past its deadline fails the run {@code VerificationFailed}: nothing switched, the original serves writable
 * again, the copy is kept for inspection. A dry run ends here ({@code DryRunSucceeded}). Then a short Job with
 * the ZEO image asks the running, read-only ZEO server for the live storage's last transaction: equal to the
 * copy's, both are recorded ({@code status.evidence}) and the run switches; different, something wrote after
 * the final snapshot and the run fails {@code WritesAfterFinalSnapshot}: the original keeps every write.
 */
final class VerifyingHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {
    static final String VERIFICATION_FAILED = "VerificationFailed";
    static final String WRITES_AFTER_FINAL = "WritesAfterFinalSnapshot";

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        if (status.getVerification() == null) {
            return verify(ctx, status);
        }
        if (ctx.dryRun()) { // a recorded, passing verification (a failing one has failed the run)
            return dryRunDone(status);
        }
        return lastTransaction(ctx, status);
    }

    private static Step<EvolvePhase> verify(EvolveContext ctx, EvolveRunStatus status) {
        Optional<Job> job = ctx.world().job(status.getVerifyJob());
        if (job.isPresent() && !Ownership.ours(ctx, job.get())) {
            return Ownership.nameTaken(ctx, job.get());
        }
        if (job.isEmpty()) {
            Optional<ReleaseIndex> release = ctx.world().release(ctx.run().getSpec().getRelease());
            if (release.isEmpty()) {
                return Steps.waiting("ReleaseMissing", "ReleaseIndex " + ctx.run().getSpec().getRelease()
                        + " (the verify Job's image) does not exist");
            }
            return verifying(status).with(Plan.none().create(CheckJobs.verify(ctx.run(), new CheckJobs.VerifyInputs(
                    status.getVerifyJob(), release.get().getSpec().getImage(), status.getRestoredVolume(),
                    status.getDatabase(), status.getToGenerations(), status.getReindex()))));
        }
        Optional<JobCondition> finished = EvolveJob.finished(job.get());
        if (finished.isEmpty()) {
            return verifying(status);
        }
        Optional<String> message = CheckResults.message(job.get(), ctx.world().jobPods(status.getVerifyJob()));
        Optional<Verification> result = message.flatMap(CheckResults::verification);
        boolean failedJob = "Failed".equals(finished.get().getType());
        if (result.isEmpty() && !failedJob && !ctx.pastInPhase(ctx.settings().restoreDeadline())) {
            // Complete, but its pod is not in the cache yet
            return Steps.waiting("Verifying", "Job " + status.getVerifyJob() + " completed; waiting to read its result")
                    .recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
        }
        Verification verification = result.orElseGet(Verification::new);
        verification.setJob(status.getVerifyJob());
        verification.setPassed(Boolean.TRUE.equals(verification.getPassed()) && !failedJob);
        verification.setDurationSeconds(duration(job.get()));
        status.setVerification(verification);
        if (Boolean.TRUE.equals(verification.getPassed())) {
            return ctx.dryRun() ? dryRunDone(status) : lastTransaction(ctx, status);
        }
        String failedChecks = verification.getChecks().stream().filter(c -> !Boolean.TRUE.equals(c.getPassed()))
                .map(c -> c.getName() + (c.getDetail() == null ? "" : " (" + c.getDetail() + ")"))
                .collect(Collectors.joining(", "));
        String why = failedJob && "DeadlineExceeded".equals(finished.get().getReason())
                ? "ran longer than spec.activeDeadlineSeconds (" + ctx.run().getSpec().getActiveDeadlineSeconds() + "s)"
                : failedJob ? "failed" : "reported failed checks";
        return Steps.fail(VERIFICATION_FAILED, "Job " + status.getVerifyJob() + " " + why
                + (failedChecks.isEmpty() ? (result.isEmpty() ? " without a result; see its pod's log" : "")
                        : ": " + failedChecks)
                + "; nothing was switched, the original volume keeps serving, " + status.getRestoredVolume()
                + " is kept for inspection");
    }

    private static Step<EvolvePhase> lastTransaction(EvolveContext ctx, EvolveRunStatus status) {
        if (status.getLastTransactionJob() == null) {
            status.setLastTransactionJob(ChildNames.lastTransactionJob(ctx.name())); // named before it is created
        }
        Optional<Job> job = ctx.world().job(status.getLastTransactionJob());
        if (job.isPresent() && !Ownership.ours(ctx, job.get())) {
            return Ownership.nameTaken(ctx, job.get());
        }
        if (job.isEmpty()) {
            Optional<ZeoDatabase> db = ctx.database();
            if (db.isEmpty()) {
                return Steps.waiting("DatabaseMissing", "ZeoDatabase " + status.getDatabase() + " is not seen");
            }
            return comparing(status).with(Plan.none().create(CheckJobs.lastTransaction(ctx.run(),
                    status.getLastTransactionJob(), status.getDatabase(), db.get().getSpec().getImage(),
                    DatabaseObjects.endpoint(db.get()))));
        }
        Optional<JobCondition> finished = EvolveJob.finished(job.get());
        if (finished.isEmpty()) {
            return comparing(status);
        }
        Optional<String> live = CheckResults.message(job.get(), ctx.world().jobPods(status.getLastTransactionJob()))
                .flatMap(CheckResults::lastTransaction);
        boolean failedJob = "Failed".equals(finished.get().getType());
        if (live.isEmpty() && !failedJob && !ctx.pastInPhase(ctx.settings().restoreDeadline())) {
            return Steps.waiting("Verifying", "Job " + status.getLastTransactionJob()
                    + " completed; waiting to read its result").recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
        }
        String copy = status.getVerification().getLastTransaction();
        if (live.isEmpty()) {
            return Steps.fail(VERIFICATION_FAILED, "Job " + status.getLastTransactionJob() + " did not report the live "
                    + "storage's last transaction; nothing was switched, the original volume keeps serving");
        }
        if (!Objects.equals(live.get(), copy)) {
            return Steps.fail(WRITES_AFTER_FINAL, "the live storage's last transaction is " + live.get() + ", the copy's "
                    + copy + ": something wrote after the final snapshot " + status.getFinalSnapshot()
                    + "; nothing was switched, " + status.getSourceVolume() + " keeps every write");
        }
        TransactionEvidence evidence = new TransactionEvidence();
        evidence.setJob(status.getLastTransactionJob());
        evidence.setLiveLastTransaction(live.get());
        evidence.setCopyLastTransaction(copy);
        evidence.setCheckedAt(Phases.time(ctx.now()));
        status.setEvidence(evidence);
        return Steps.advance(EvolvePhase.Switching, "verified " + status.getRestoredVolume() + " ("
                + status.getVerification().getChecks().stream().map(VerificationCheck::getName).collect(Collectors.joining(","))
                + "); the live and the copy's last transaction are both " + copy);
    }

    private static Step<EvolvePhase> dryRunDone(EvolveRunStatus status) {
        return Steps.succeed("DryRunSucceeded", "dry run: the copy " + status.getRestoredVolume() + " evolved from "
                + status.getFrom() + " to " + status.getTo() + " and passed verification; nothing switched, never read-only");
    }

    private static Step<EvolvePhase> verifying(EvolveRunStatus status) {
        return Steps.waiting("Verifying", "Job " + status.getVerifyJob() + " verifies " + status.getRestoredVolume());
    }

    private static Step<EvolvePhase> comparing(EvolveRunStatus status) {
        return Steps.waiting("Verifying", "Job " + status.getLastTransactionJob() + " asks ZEO for the live storage's "
                + "last transaction");
    }

    private static Long duration(Job job) {
        if (job.getStatus() == null || job.getStatus().getStartTime() == null) {
            return null;
        }
        Instant started = Instant.parse(job.getStatus().getStartTime());
        String end = Optional.ofNullable(job.getStatus().getCompletionTime()).orElse(EvolveJob.finished(job)
                .map(JobCondition::getLastTransitionTime).orElse(null));
        return end == null ? null : Math.max(0, Duration.between(started, Instant.parse(end)).toSeconds());
    }
}
