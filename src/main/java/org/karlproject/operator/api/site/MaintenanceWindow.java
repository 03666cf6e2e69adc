package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One recurring maintenance window: it opens at each {@code start} (5-field cron) and lasts {@code durationMinutes}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceWindow {

    /** Five space-separated cron fields (their values are checked by {@code validate} and the reconciler). */
    public static final String CRON_PATTERN = "^\\S+( \\S+){4}$";

    /** An IANA time zone name (Europe/Berlin, America/New_York) or UTC. */
    public static final String TIME_ZONE_PATTERN = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

    @Required
    @Size(min = 9, max = 100)
    @Pattern(CRON_PATTERN)
    @JsonPropertyDescription("When the window opens: a 5-field Unix cron schedule (minute hour day-of-month month "
            + "day-of-week) in timeZone, e.g. \"0 22 * * 6\" for Saturdays at 22:00.")
    private String start;

    @Required
    @Min(1)
    @Max(10080)
    @JsonPropertyDescription("How long the window stays open after each start, in minutes (at most a week).")
    private Integer durationMinutes;

    @Default("UTC")
    @Size(min = 1, max = 64)
    @Pattern(TIME_ZONE_PATTERN)
    @JsonPropertyDescription("The IANA time zone start is read in (e.g. Europe/Berlin); UTC when absent.")
    private String timeZone = "UTC";

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public Integer getDurationMinutes() {
        return durationMinutes;
    }

    public void setDurationMinutes(Integer durationMinutes) {
        this.durationMinutes = durationMinutes;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}
