package org.karlproject.operator.database;

import java.util.Optional;
import org.karlproject.operator.api.database.FinalSnapshotCheck;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Events;

/**
 * The last-transaction check around the final snapshot at deletion ({@code deletionPolicy: Snapshot}), pure.
 * There is no verify Job for a plain snapshot, and the simplest sound proof needs none: with ZEO read-only,
 * a {@code zeo last-transaction} Job asks the live server before the snapshot is cut ({@code <db>-final-check-before})
 * and another once the snapshot is ready ({@code <db>-final-check-after}). Transaction ids only grow; if both
 * are equal, no transaction was committed in between, so the snapshot, cut between them, holds every
 * committed transaction. Different: something wrote after the cut (a writer that ignored read-only, a
 * bug), and every volume and snapshot is retained ({@code WritesAfterFinalSnapshot}). A check that fails or
 * does not answer retains everything too ({@code FinalCheckFailed}): the volumes go only on proof. Both ids and
 * the verdict are in {@code status.finalCheck}.
 */
final class FinalCheck {

    static final String WRITES_AFTER = "WritesAfterFinalSnapshot";
    static final String FAILED = "FinalCheckFailed";

    /** What a step of the check says: wait (with a plan), retain (with the warning), or go on. */
    record Step(Optional<String> waiting, Plan plan, Optional<Events.Note> retain) {
        static Step proceed() {
            return new Step(Optional.empty(), Plan.none(), Optional.empty());
        }

        boolean proceeds() {
            return waiting.isEmpty() && retain.isEmpty();
        }
    }

    private FinalCheck() {
    }

    static String beforeName(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "final-check-before");
    }

    static String afterName(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "final-check-after");
    }

    /** Before the cut: the live server's last transaction, recorded in {@code status.finalCheck}. */
    static Step before(Observed o, ZeoDatabaseStatus status) {
        FinalSnapshotCheck check = check(status);
        if (check.getLastTransactionBefore() != null) {
            return Step.proceed();
        }
        return ask(o, check, beforeName(o.db()), "before the final snapshot", check::setLastTransactionBefore);
    }

    /** Once the snapshot is ready: the last transaction again, compared with the one before. */
    static Step after(Observed o, ZeoDatabaseStatus status) {
        FinalSnapshotCheck check = check(status);
        if (Boolean.TRUE.equals(check.getPassed())) {
            return Step.proceed();
        }
        if (check.getLastTransactionAfter() == null) {
            Step asked = ask(o, check, afterName(o.db()), "after the final snapshot", check::setLastTransactionAfter);
            if (!asked.proceeds()) {
                return asked;
            }
        }
        String snapshot = Snapshots.finalName(o.db());
        if (check.getLastTransactionBefore().equals(check.getLastTransactionAfter())) {
            check.setPassed(true);
            check.setMessage("the live storage's last transaction was " + check.getLastTransactionBefore()
                    + " before the final snapshot " + snapshot + " was cut and after it was ready: nothing was written "
                    + "after it");
            return Step.proceed();
        }
        check.setPassed(false);
        check.setMessage("the live storage's last transaction was " + check.getLastTransactionBefore() + " before the "
                + "final snapshot " + snapshot + " was cut and " + check.getLastTransactionAfter() + " after: something "
                + "wrote while ZEO was read-only, and the snapshot may miss those writes; retaining every volume");
        return new Step(Optional.empty(), Plan.none(), Optional.of(Events.Note.warning(WRITES_AFTER, check.getMessage())));
    }

    private static Step ask(Observed o, FinalSnapshotCheck check, String job, String when,
            java.util.function.Consumer<String> record) {
        ZeoCheckJobs.Asked asked = ZeoCheckJobs.ask(o, job, when);
        if (asked.waiting().isPresent()) {
            return new Step(asked.waiting(), asked.plan(), Optional.empty());
        }
        if (asked.failure().isPresent()) {
            check.setPassed(false);
            check.setMessage("the last-transaction check " + when + " gave no answer (" + asked.failure().get()
                    + "): without it nothing proves the final snapshot holds every write; retaining every volume");
            return new Step(Optional.empty(), Plan.none(), Optional.of(Events.Note.warning(FAILED, check.getMessage())));
        }
        record.accept(asked.lastTransaction().get());
        return Step.proceed();
    }

    private static FinalSnapshotCheck check(ZeoDatabaseStatus status) {
        if (status.getFinalCheck() == null) {
            status.setFinalCheck(new FinalSnapshotCheck());
        }
        return status.getFinalCheck();
    }
}
