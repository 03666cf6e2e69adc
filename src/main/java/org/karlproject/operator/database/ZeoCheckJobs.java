package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.evolve.CheckJobs;
import org.karlproject.operator.evolve.CheckResults;
import org.karlproject.operator.evolve.ChildNames;
import org.karlproject.operator.evolve.EvolveJob;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Plan;

/**
 * The database's own check Jobs, pure builders and readers: the ZEO image's {@code zeo last-transaction}
 * against the live server (the last-transaction checks around the final snapshot at deletion). Built as an
 * evolve run's check Jobs are ({@link CheckJobs#runOnce}: once, restricted, no token, {@code /tmp} scratch),
 * owned by the database, labelled {@value #APP} (not {@code zeo}: a check pod must never match ZEO's
 * Service or workload selector), the database's name (the NetworkPolicy admits it to ZEO) and
 * {@link ChildNames#CHECK_LABEL}; the result comes through the pod's termination message. Contract:
 * {@code docs/databases.md}.
 */
public final class ZeoCheckJobs {

    /** The {@code app.kubernetes.io/name} of the database's check Jobs and their pods. */
    public static final String APP = "zeo-check";
    /** How long one check may run. */
    static final long DEADLINE_SECONDS = 300;

    private ZeoCheckJobs() {
    }

    /** What a check Job shows now. */
    public sealed interface State {
        /** Not created yet. */
        record Absent() implements State {
        }

        /** Created, not finished, or finished without its result in the pod cache yet. */
        record Running() implements State {
        }

        /** Finished with a result: the termination message. */
        record Done(String message) implements State {
        }

        /** Failed, timed out, or not this database's. */
        record Failed(String why) implements State {
        }
    }

    /** The labels of the database's check Jobs and pods. */
    static Map<String, String> labels(ZeoDatabase db, String check) {
        Map<String, String> labels = Labels.managed(APP, DatabaseObjects.name(db), DatabaseObjects.COMPONENT);
        labels.put(Labels.DATABASE, DatabaseObjects.name(db));
        labels.put(ChildNames.CHECK_LABEL, check);
        return labels;
    }

    /** A Job named {@code name} that runs the ZEO image's {@code command} against the live server. */
    static Job of(ZeoDatabase db, String name, String check, List<String> command) {
        return of(db, name, check, command, DEADLINE_SECONDS);
    }

    /** As above, running at most {@code deadlineSeconds}. */
    static Job of(ZeoDatabase db, String name, String check, List<String> command, long deadlineSeconds) {
        ObjectMeta meta = DatabaseObjects.metadata(db, name, true);
        meta.setLabels(labels(db, check));
        List<EnvVar> env = List.of(new EnvVar(CheckJobs.ENV_ZEO_ADDRESS, DatabaseObjects.endpoint(db), null),
                new EnvVar(CheckJobs.ENV_RESULT_FILE, CheckJobs.RESULT_FILE, null));
        return CheckJobs.runOnce(meta, deadlineSeconds, new ContainerBuilder().withName(check)
                .withImage(db.getSpec().getImage()).withCommand(command).withWorkingDir("/tmp").withEnv(env)
                .withTerminationMessagePath(CheckJobs.RESULT_FILE).withTerminationMessagePolicy("File").build(), null);
    }

    /** A {@code zeo last-transaction} Job. */
    static Job lastTransaction(ZeoDatabase db, String name) {
        return of(db, name, ChildNames.LAST_TRANSACTION_CHECK, List.of("zeo", "last-transaction"));
    }

    /** The state of the check Job {@code name} as {@code o}'s caches show it. */
    static State state(Observed o, String name) {
        Job job = o.checkJobs().get(name);
        if (job == null) {
            return new State.Absent();
        }
        boolean ours = Optional.ofNullable(job.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .anyMatch(r -> Objects.equals(r.getUid(), o.db().getMetadata().getUid()));
        if (!ours) {
            return new State.Failed("Job " + name + " exists and was not made by this ZeoDatabase");
        }
        var finished = EvolveJob.finished(job);
        if (finished.isEmpty()) {
            return new State.Running();
        }
        if ("Failed".equals(finished.get().getType())) {
            return new State.Failed("Job " + name + " failed (" + Objects.requireNonNullElse(finished.get().getReason(),
                    "no reason") + ")");
        }
        Optional<String> message = CheckResults.message(job, o.checkPods());
        return message.<State>map(State.Done::new).orElseGet(State.Running::new);
    }

    /**
     * Asking the live server for its last transaction with the Job {@code name}: waiting (with the create
     * of the Job when it is not there yet), the id it answered, or why it gave none.
     */
    record Asked(Optional<String> waiting, Plan plan, Optional<String> lastTransaction, Optional<String> failure) {
    }

    /** Where the last-transaction Job {@code name} is; {@code when} says what for, in the waiting message. */
    static Asked ask(Observed o, String name, String when) {
        State state = state(o, name);
        if (state instanceof State.Absent) {
            return new Asked(Optional.of("asking ZEO for its last transaction " + when + " (Job " + name + ")"),
                    Plan.none().create(lastTransaction(o.db(), name)), Optional.empty(), Optional.empty());
        }
        if (state instanceof State.Running) {
            return new Asked(Optional.of("waiting for Job " + name + ": ZEO's last transaction " + when), Plan.none(),
                    Optional.empty(), Optional.empty());
        }
        Optional<String> tid = state instanceof State.Done done ? CheckResults.lastTransaction(done.message())
                : Optional.empty();
        String why = state instanceof State.Failed failed ? failed.why() : "Job " + name + " reported no last transaction";
        return new Asked(Optional.empty(), Plan.none(), tid, tid.isPresent() ? Optional.empty() : Optional.of(why));
    }
}
