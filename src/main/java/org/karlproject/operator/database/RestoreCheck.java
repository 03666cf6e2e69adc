package org.karlproject.operator.database;

import java.util.Optional;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.RollbackDiscard;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.status.Events;

/**
 * Before a data-restore rollback switches back to a retained volume (pure): the user consented already
 * ({@code spec.rollback.allowDataRestore} on the KarlSite, which then asks in its {@code status.dataRestore});
 * this check makes the consent informed. Once ZEO is read-only on the volume it serves (the request holds
 * it so), a {@code zeo last-transaction} Job ({@code <db>-restore-check-<hash>}, one per request) asks the
 * live server for its last transaction; with the evolve run's switch-time transaction ({@code
 * status.evidence.liveLastTransaction} of the run that retired the volume) that names exactly the
 * transactions the rollback discards: after the one, up to the other. Recorded in
 * {@code status.rollbackDiscard} and a Warning event {@value #DISCARDS}, then the switch goes ahead. A check
 * that gives no answer does not block the consented rollback: the record says every write since the switch
 * is discarded.
 */
final class RestoreCheck {

    static final String DISCARDS = "RollbackDiscards";

    /** Go ahead with the switch (with the note to tell), or wait (with the plan: the check Job). */
    record Gate(boolean go, Optional<Events.Note> note, Plan plan) {
    }

    private RestoreCheck() {
    }

    static String jobName(Observed o, VolumeSwitch.DataRestore restore) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(o.db()), "restore-check", Names.hash(
                restore.site().getMetadata().getName() + "@" + restore.request().getRequestedAt()).substring(0, 10));
    }

    static Gate gate(Observed o, ZeoDatabaseStatus status, VolumeSwitch.DataRestore restore) {
        RollbackDiscard recorded = status.getRollbackDiscard();
        String site = restore.site().getMetadata().getName();
        if (recorded != null && site.equals(recorded.getSite())
                && java.util.Objects.equals(recorded.getRequestedAt(), restore.request().getRequestedAt())) {
            return new Gate(true, Optional.empty(), Plan.none()); // this request's check is recorded
        }
        boolean readOnly = status.getReadOnly() != null && Boolean.TRUE.equals(status.getReadOnly().getActive());
        Optional<String> upTo = Optional.empty();
        Optional<String> failure = Optional.empty();
        if (o.deployment().isPresent()) {
            if (!readOnly) {
                return new Gate(false, Optional.empty(), Plan.none()); // the request's hold comes first
            }
            ZeoCheckJobs.Asked asked = ZeoCheckJobs.ask(o, jobName(o, restore), "before the rollback of " + site);
            if (asked.waiting().isPresent()) {
                return new Gate(false, Optional.empty(), asked.plan());
            }
            upTo = asked.lastTransaction();
            failure = asked.failure();
        } else {
            failure = Optional.of("no ZEO server runs");
        }
        RollbackDiscard record = new RollbackDiscard();
        record.setSite(site);
        record.setRequestedAt(restore.request().getRequestedAt());
        record.setVolume(restore.volume().getName());
        record.setDiscardedVolume(status.getActiveVolume());
        Optional<String> after = switchTransaction(o, restore.volume());
        after.ifPresent(record::setAfterTransaction);
        upTo.ifPresent(record::setUpToTransaction);
        record.setMessage(message(record, restore, failure));
        status.setRollbackDiscard(record);
        return new Gate(true, Optional.of(Events.Note.warning(DISCARDS, record.getMessage())), Plan.none());
    }

    /** The live last transaction the evolve run that retired {@code volume} recorded at its switch. */
    static Optional<String> switchTransaction(Observed o, PreviousVolume volume) {
        String prefix = "EvolveRun ";
        if (volume.getReason() == null || !volume.getReason().startsWith(prefix)) {
            return Optional.empty();
        }
        String run = volume.getReason().substring(prefix.length());
        return o.runs().stream().filter(r -> run.equals(r.getMetadata().getName())).findFirst()
                .map(EvolveRun::getStatus).map(s -> s.getEvidence())
                .map(e -> e.getLiveLastTransaction());
    }

    private static String message(RollbackDiscard r, VolumeSwitch.DataRestore restore, Optional<String> failure) {
        String since = Optional.ofNullable(restore.request().getDiscardsWritesSince()).map(t -> " (since " + t + ")")
                .orElse("");
        String back = "serving " + r.getVolume() + " again for the rollback of KarlSite " + r.getSite() + " to "
                + restore.request().getRelease() + " discards ";
        if (failure.isPresent()) {
            return back + "every transaction written to " + r.getDiscardedVolume() + " since the evolve's switch" + since
                    + "; the live server's last transaction could not be asked (" + failure.get() + ")";
        }
        if (r.getAfterTransaction() == null) {
            return back + "every transaction written to " + r.getDiscardedVolume() + " since the evolve's switch" + since
                    + ", up to " + r.getUpToTransaction() + " (no switch-time transaction was recorded)";
        }
        if (r.getAfterTransaction().equals(r.getUpToTransaction())) {
            return back + "no transaction: none was written to " + r.getDiscardedVolume() + " after "
                    + r.getAfterTransaction() + ", the last one at the evolve's switch";
        }
        return back + "the transactions written to " + r.getDiscardedVolume() + " after " + r.getAfterTransaction()
                + " (the last one at the evolve's switch" + since + ") up to " + r.getUpToTransaction();
    }
}
