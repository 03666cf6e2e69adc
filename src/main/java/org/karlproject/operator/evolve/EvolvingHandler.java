package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 5: the evolve Job, created once, runs the target release's image against the restored copy only,
 * told which generations to reach and which indexes to reindex. Complete: verify the copy (a dry run too).
 * Failed, or past its activeDeadlineSeconds: the run fails.
 */
final class EvolvingHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        Optional<Job> job = ctx.world().job(status.getJob());
        if (job.isPresent() && !Ownership.ours(ctx, job.get())) {
            return Ownership.nameTaken(ctx, job.get());
        }
        if (job.isEmpty()) {
            return start(ctx, status);
        }
        return progress(ctx, status, job.get());
    }

    /** The Job, once the run sees its own copy to mount and the release whose image it runs. */
    private static Step<EvolvePhase> start(EvolveContext ctx, EvolveRunStatus status) {
        Optional<PersistentVolumeClaim> copy = ctx.world().volume(status.getRestoredVolume());
        if (copy.isPresent() && !Ownership.ours(ctx, copy.get())) {
            return Ownership.nameTaken(ctx, copy.get()); // never mount another's volume
        }
        if (copy.isEmpty()) {
            return Steps.waiting("Evolving", "waiting to see PersistentVolumeClaim " + status.getRestoredVolume()
                    + " (the copy to evolve) before starting Job " + status.getJob());
        }
        Optional<ReleaseIndex> release = ctx.world().release(ctx.run().getSpec().getRelease());
        if (release.isEmpty()) {
            return Steps.waiting("ReleaseMissing", "ReleaseIndex " + ctx.run().getSpec().getRelease()
                    + " (the evolve Job's image) does not exist");
        }
        return running(ctx).with(Plan.none().create(EvolveJob.of(ctx.run(), new EvolveJob.Inputs(status.getJob(),
                release.get().getSpec().getImage(), status.getRestoredVolume(), status.getDatabase(),
                status.getFromGenerations(), status.getToGenerations(), status.getReindex()))));
    }

    /** The Job runs: the copy binds (within the restore deadline), then the Job's end decides. */
    private static Step<EvolvePhase> progress(EvolveContext ctx, EvolveRunStatus status, Job job) {
        Optional<PersistentVolumeClaim> copy = Ownership.own(ctx, ctx.world().volume(status.getRestoredVolume()));
        boolean bound = copy.map(RestoredVolume::bound).orElse(false);
        if (!bound && ctx.pastInPhase(ctx.settings().restoreDeadline())) {
            // the Job's pod is the copy's first consumer (WaitForFirstConsumer): it should bind soon after
            return Steps.fail("RestoreTimedOut", "PersistentVolumeClaim " + status.getRestoredVolume()
                    + " (restored from " + RestoringHandler.source(ctx) + ") was not Bound within "
                    + ctx.settings().restoreDeadline().toSeconds() + "s of the evolve Job mounting it");
        }
        Optional<JobCondition> finished = EvolveJob.finished(job);
        if (finished.isEmpty() || !bound && "Complete".equals(finished.get().getType())) {
            return bound ? running(ctx) : running(ctx).recheckAfter(ctx.leftInPhase(ctx.settings().restoreDeadline()));
        }
        if ("Failed".equals(finished.get().getType())) {
            boolean deadline = "DeadlineExceeded".equals(finished.get().getReason());
            return Steps.fail(deadline ? "EvolveJobDeadlineExceeded" : "EvolveJobFailed", "Job " + status.getJob()
                    + (deadline ? " ran longer than spec.activeDeadlineSeconds ("
                            + ctx.run().getSpec().getActiveDeadlineSeconds() + "s)" : " failed")
                    + ": " + Optional.ofNullable(finished.get().getMessage()).orElse(finished.get().getReason())
                    + "; see its pod's log");
        }
        return Steps.advance(EvolvePhase.Verifying, "Job " + status.getJob() + " evolved " + status.getRestoredVolume()
                + " to " + status.getTo() + "; verifying it");
    }

    private static Step<EvolvePhase> running(EvolveContext ctx) {
        return Steps.waiting("Evolving", "Job " + ctx.status().getJob() + " evolves "
                + ctx.status().getRestoredVolume() + " to " + ctx.status().getTo()
                + (ctx.status().getReindex().isEmpty() ? "" : ", reindexing " + String.join(",", ctx.status().getReindex())));
    }
}
