package org.karlproject.operator.database;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupVerifySpec;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.status.Conditions;

/**
 * The {@code BackupVerified} condition of a database with {@code spec.backup.verify} (none without it), pure:
 * <ul>
 *   <li>False {@code DrillFailed}: the last drill failed (its message says why);</li>
 *   <li>False {@code NotVerifiedYet}: no drill has passed yet (one runs, or it waits for a ready scheduled
 *       backup or a release image);</li>
 *   <li>False {@code VerifiedBackupTooOld}: the newest verified backup was taken more than
 *       {@code verify.maxAgeHours} ago;</li>
 *   <li>True {@code Verified} otherwise.</li>
 * </ul>
 * The age is the backup's: a drill of an old backup proves nothing about recent data.
 */
final class DrillCondition {

    static final String TYPE = "BackupVerified";

    /** The condition set on {@code status}, and when it changes by age alone (to look again then). */
    record Verdict(Optional<Boolean> on, String reason, String message, Optional<Duration> agesIn) {
    }

    private DrillCondition() {
    }

    static Optional<Duration> apply(ZeoDatabase db, ZeoDatabaseStatus status, Instant now) {
        Verdict verdict = decide(Drills.verify(db), status, now);
        long generation = Optional.ofNullable(db.getMetadata().getGeneration()).orElse(0L);
        status.setConditions(Conditions.further(status.getConditions(), TYPE, verdict.on(), verdict.reason(),
                verdict.message(), generation, now));
        return verdict.agesIn();
    }

    static Verdict decide(Optional<BackupVerifySpec> verify, ZeoDatabaseStatus status, Instant now) {
        if (verify.isEmpty()) {
            return new Verdict(Optional.empty(), "None", "", Optional.empty());
        }
        DrillStatus drill = status.getDrill();
        BackupRecord verified = status.getLastVerifiedBackup();
        if (drill != null && drill.getResult() == DrillResult.Failed) {
            return new Verdict(Optional.of(false), "DrillFailed", "drill " + drill.getId() + " failed ("
                    + drill.getReason() + "): " + drill.getMessage() + newest(verified), Optional.empty());
        }
        if (verified == null) {
            String waiting = drill != null && drill.getResult() == DrillResult.Running ? "drill " + drill.getId()
                    + " runs: " + drill.getMessage()
                    : "a drill waits for a ready scheduled backup and a site on this database with an active release "
                            + "(its image runs verify)";
            return new Verdict(Optional.of(false), "NotVerifiedYet", "no backup has been verified yet; " + waiting,
                    Optional.empty());
        }
        Duration maxAge = Duration.ofHours(verify.get().getMaxAgeHours());
        Instant takenAt = Instant.parse(verified.getTime());
        Duration left = Duration.between(now, takenAt.plus(maxAge));
        if (left.isNegative() || left.isZero()) {
            return new Verdict(Optional.of(false), "VerifiedBackupTooOld", "the newest verified backup "
                    + verified.getName() + " was taken at " + verified.getTime() + ", more than spec.backup.verify."
                    + "maxAgeHours=" + verify.get().getMaxAgeHours() + " ago", Optional.empty());
        }
        return new Verdict(Optional.of(true), "Verified", "backup " + verified.getName() + " (taken at "
                + verified.getTime() + ") was restored and verified at " + verified.getVerifiedAt(),
                Optional.of(left.plusSeconds(1)));
    }

    private static String newest(BackupRecord verified) {
        return verified == null ? "; no backup has been verified yet"
                : "; the newest verified backup is " + verified.getName() + " (taken at " + verified.getTime() + ")";
    }
}
