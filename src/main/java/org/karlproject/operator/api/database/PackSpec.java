package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Packing the FileStorage on a schedule: at each time of {@code schedule} (once the database serves
 * writable), a pre-pack snapshot, then a {@code zeo pack --days N} Job against the live server.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PackSpec {

    /** Pre-pack snapshots kept when {@code keepSnapshots} is not set. */
    public static final int DEFAULT_KEEP_SNAPSHOTS = 2;

    @Required
    @Size(min = 9, max = 100)
    @JsonPropertyDescription("When to pack: a 5-field Unix cron expression in UTC, e.g. \"0 3 * * 0\". After "
            + "downtime, or a read-only hold or evolve over the time, one catch-up pack, not one per missed time.")
    private String schedule;

    @Default("7")
    @Min(0)
    @Max(3650)
    @JsonPropertyDescription("How many days of history the pack keeps (zeo pack --days). Default 7.")
    private Integer daysToKeep = 7;

    @Default("2")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many pre-pack snapshots are kept (the newest; older done ones are pruned, never "
            + "a held one). They count against spec.snapshots.limit. Default 2.")
    private Integer keepSnapshots = DEFAULT_KEEP_SNAPSHOTS;

    @Default("3600")
    @Min(60)
    @Max(86400)
    @JsonPropertyDescription("How long the pack Job may run before the pack counts as failed.")
    private Integer activeDeadlineSeconds = 3600;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getDaysToKeep() {
        return daysToKeep;
    }

    public void setDaysToKeep(Integer daysToKeep) {
        this.daysToKeep = daysToKeep;
    }

    public Integer getKeepSnapshots() {
        return keepSnapshots;
    }

    public void setKeepSnapshots(Integer keepSnapshots) {
        this.keepSnapshots = keepSnapshots;
    }

    public Integer getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Integer activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }
}
