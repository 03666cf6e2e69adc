package org.karlproject.operator.train;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.site.MaintenanceWindow;

/**
 * Whether an upgrade that needs an evolve may start now on a site with maintenance windows (pure): only if
 * a window is open now and the expected read-only time ends before it closes. Otherwise, when the next
 * window long enough for it opens. A window shorter than the expected read-only time never fits.
 */
final class Windows {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** {@code open}: it may start now; else {@code next} (when a window that fits opens) or a {@code problem}. */
    record Fit(boolean open, Instant next, String problem) {
    }

    private Windows() {
    }

    static Fit check(List<MaintenanceWindow> windows, Instant now, long expectedSeconds) {
        if (windows == null || windows.isEmpty()) {
            return new Fit(true, null, null);
        }
        Instant next = null;
        for (int i = 0; i < windows.size(); i++) {
            MaintenanceWindow window = windows.get(i);
            Optional<ExecutionTime> schedule = schedule(window);
            if (schedule.isEmpty()) {
                return new Fit(false, null, "spec.maintenance.windows[" + i + "] is not a valid window (start \""
                        + window.getStart() + "\", timeZone \"" + window.getTimeZone() + "\")");
            }
            long length = window.getDurationMinutes() == null ? 0 : window.getDurationMinutes() * 60L;
            if (length < expectedSeconds) {
                continue; // too short for this evolve, ever
            }
            ZonedDateTime at = now.atZone(zone(window));
            ZonedDateTime minute = at.truncatedTo(ChronoUnit.MINUTES);
            Optional<ZonedDateTime> opened = schedule.get().isMatch(minute) ? Optional.of(minute)
                    : schedule.get().lastExecution(at);
            if (opened.isPresent() && !opened.get().toInstant().plusSeconds(length)
                    .isBefore(now.plusSeconds(expectedSeconds))) {
                return new Fit(true, null, null);
            }
            Optional<Instant> opens = schedule.get().nextExecution(at).map(ZonedDateTime::toInstant);
            if (opens.isPresent() && (next == null || opens.get().isBefore(next))) {
                next = opens.get();
            }
        }
        if (next == null) {
            return new Fit(false, null, "expects " + expectedSeconds + "s read-only, longer than every window in "
                    + "spec.maintenance.windows");
        }
        return new Fit(false, next, null);
    }

    private static Optional<ExecutionTime> schedule(MaintenanceWindow window) {
        try {
            zone(window);
            return Optional.of(ExecutionTime.forCron(UNIX.parse(window.getStart().trim())));
        } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static ZoneId zone(MaintenanceWindow window) {
        return ZoneId.of(window.getTimeZone() == null ? "UTC" : window.getTimeZone());
    }
}
