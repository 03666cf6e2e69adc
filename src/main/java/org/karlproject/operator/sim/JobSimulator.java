package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Plays the Job controller and the kubelet: a new Job starts at once; each attempt ends after the matching
 * {@link JobRule}'s time; a failed attempt is retried until {@code backoffLimit} (default 6) is exceeded;
 * {@code activeDeadlineSeconds} fails a Job that runs too long. Records a {@link JobRun} per Job and applies
 * the {@link EvolveJobContract} to the lineage.
 */
final class JobSimulator {
    private static final int DEFAULT_BACKOFF_LIMIT = 6;

    /** One Job in progress; only touched on the scheduler thread. */
    private static final class Tracked {
        final String uid;
        final JobRule rule;
        int attempts;
        int failed;
        boolean done;

        Tracked(String uid, JobRule rule) {
            this.uid = uid;
            this.rule = rule;
        }
    }

    private final SimContext sim;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final Map<String, JobRun> runs = new ConcurrentHashMap<>();
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

    private final SandboxKnobs knobs;
    private final CheckJobContract checks;

    JobSimulator(SimContext sim, SandboxKnobs knobs) {
        this.sim = sim;
        this.knobs = knobs;
        this.checks = new CheckJobContract(sim, knobs);
    }

    void start() {
        sim.client.batch().v1().jobs().inAnyNamespace().inform(sim.handler("job", this::changed, this::deleted));
    }

    List<JobRun> runs() {
        synchronized (order) {
            return order.stream().map(runs::get).filter(Objects::nonNull).toList();
        }
    }

    private void changed(Job job) {
        String key = SimContext.key(job);
        Tracked known = tracked.get(key);
        if ((known != null && known.uid.equals(job.getMetadata().getUid())) || finished(job.getStatus())) {
            return;
        }
        JobRule rule = sim.settings.jobRules.stream().filter(r -> r.matcher().test(job)).findFirst()
                .or(() -> knobs.evolveRule(job)).orElse(JobRule.succeed(JobMatcher.anyJob()));
        Tracked t = new Tracked(job.getMetadata().getUid(), rule);
        tracked.put(key, t);
        JobRun run = JobRun.of(job);
        runs.put(key, run);
        order.remove(key);
        order.add(key);
        if (EvolveJobContract.isEvolveJob(run)) {
            run.claims().forEach(c -> sim.lineage.markEvolveMount(Lineage.key(run.namespace(), c)));
        }
        String started = SimContext.timestamp();
        writeStatus(job, s -> {
            s.setStartTime(started);
            s.setActive(1);
        });
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        if (deadline != null) {
            sim.later(Duration.ofSeconds(deadline), "job deadline " + key,
                    () -> finish(job, t, JobRun.Outcome.FAILED, "DeadlineExceeded"));
        }
        nextAttempt(job, t);
    }

    private void nextAttempt(Job job, Tracked t) {
        if (!t.done && !volumesBound(job)) {
            // the pod cannot start before the volumes it mounts are bound (WaitForFirstConsumer binds them
            // only now that this Job exists); its activeDeadlineSeconds counts meanwhile
            sim.later(Duration.ofMillis(20), "job waits for its volumes " + SimContext.key(job), () -> nextAttempt(job, t));
            return;
        }
        Duration runsFor = Optional.ofNullable(t.rule.runsFor()).orElse(sim.settings.jobRunsFor);
        sim.later(runsFor, "job attempt " + SimContext.key(job), () -> attemptEnded(job, t));
    }

    private boolean volumesBound(Job job) {
        return JobRun.of(job).claims().stream().allMatch(claim -> Optional.ofNullable(sim.client
                .persistentVolumeClaims().inNamespace(job.getMetadata().getNamespace()).withName(claim).get())
                .map(p -> p.getStatus() != null && "Bound".equals(p.getStatus().getPhase())).orElse(false));
    }

    private void attemptEnded(Job job, Tracked t) {
        if (t.done || t.rule.hangs()) {
            return;
        }
        t.attempts++;
        JobRun run = runs.get(SimContext.key(job));
        boolean refused = run != null && CheckJobContract.isCheckJob(run) && checks.refuses(run);
        if (!t.rule.attemptFails(t.attempts) && !refused) {
            finish(job, t, JobRun.Outcome.SUCCEEDED, "Completed");
            return;
        }
        t.failed++;
        int backoffLimit = Optional.ofNullable(job.getSpec().getBackoffLimit()).orElse(DEFAULT_BACKOFF_LIMIT);
        if (t.failed > backoffLimit) {
            finish(job, t, JobRun.Outcome.FAILED, "BackoffLimitExceeded");
            return;
        }
        int failed = t.failed;
        writeStatus(job, s -> s.setFailed(failed));
        nextAttempt(job, t);
    }

    private void finish(Job job, Tracked t, JobRun.Outcome outcome, String reason) {
        if (t.done) {
            return;
        }
        t.done = true;
        boolean succeeded = outcome == JobRun.Outcome.SUCCEEDED;
        int failed = t.failed;
        String now = SimContext.timestamp();
        // What the Job did happens before it reports: whoever sees it Complete finds its outcome recorded
        // and, for an evolve Job, the volume it mounted already evolved.
        String key = SimContext.key(job);
        JobRun run = runs.computeIfPresent(key, (k, r) -> r.finished(outcome, Math.max(1, t.attempts)));
        if (succeeded && run != null && EvolveJobContract.isEvolveJob(run)) {
            Map<String, Long> targets = EvolveJobContract.parseTargets(run.env().get(EvolveJobContract.TARGETS_ENV));
            run.claims().forEach(c -> sim.lineage.evolve(Lineage.key(run.namespace(), c), targets));
        }
        if (run != null && CheckJobContract.isCheckJob(run)) {
            checks.ended(job, run, succeeded); // its pod's termination message, before the Job reports
        }
        JobCondition condition = new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed")
                .withStatus("True").withReason(reason).withLastTransitionTime(now).withLastProbeTime(now).build();
        writeStatus(job, s -> {
            s.setActive(null);
            s.setSucceeded(succeeded ? 1 : null);
            s.setFailed(failed == 0 ? null : failed);
            s.setCompletionTime(succeeded ? now : null);
            s.setConditions(List.of(condition));
        });
    }

    private void deleted(Job job) {
        Tracked t = tracked.get(SimContext.key(job));
        if (t != null && t.uid.equals(job.getMetadata().getUid())) {
            t.done = true;
            tracked.remove(SimContext.key(job));
        }
    }

    private void writeStatus(Job job, Consumer<JobStatus> change) {
        sim.writeStatus("status of job " + SimContext.key(job), () -> sim.client.batch().v1().jobs()
                .inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(current -> {
                    JobStatus status = Optional.ofNullable(current.getStatus()).orElseGet(JobStatus::new);
                    change.accept(status);
                    current.setStatus(status);
                    return current;
                }));
    }

    private static boolean finished(JobStatus status) {
        return status != null && Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "True".equals(c.getStatus())
                        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }
}
