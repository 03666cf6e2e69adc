package org.karlproject.operator.database;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Cron arithmetic for scheduled backups (5-field Unix cron, UTC). After downtime only the most recent
 * missed time is due: one catch-up backup, not one per missed time. Pure.
 */
public final class BackupSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime times;

    private BackupSchedule(ExecutionTime times) {
        this.times = times;
    }

    public static BackupSchedule of(String expression) {
        return new BackupSchedule(ExecutionTime.forCron(UNIX.parse(expression.trim())));
    }

    /** The most recent scheduled time at or before {@code now}, if it is not before {@code notBefore}. */
    public Optional<Instant> latest(Instant notBefore, Instant now) {
        Instant endOfMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return times.lastExecution(endOfMinute.atZone(ZoneOffset.UTC)).map(t -> t.toInstant())
                .filter(t -> !t.isAfter(now) && !t.isBefore(notBefore));
    }

    /** The next scheduled time strictly after {@code now}. */
    public Optional<Instant> next(Instant now) {
        return times.nextExecution(now.atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
    }
}
