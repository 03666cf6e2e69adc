package org.karlproject.operator.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;

/** Checks a 5-field Unix cron expression ({@code minute hour day-of-month month day-of-week}). */
public final class CronSchedule {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedule() {
    }

    /** Empty when the expression is a valid 5-field Unix cron, else what is wrong with it. */
    public static Optional<String> problem(String expression) {
        String trimmed = expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5) {
            return Optional.of("\"" + expression + "\" has " + fields + " field(s); write a 5-field Unix cron"
                    + " schedule (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\"");
        }
        try {
            UNIX.parse(trimmed).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("\"" + expression + "\" is not a valid 5-field Unix cron schedule ("
                    + e.getMessage() + "); e.g. \"0 2 * * *\" is daily at 02:00 UTC");
        }
    }
}
