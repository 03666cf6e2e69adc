package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Scheduled backups: VolumeSnapshots of the active volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupSpec {

    @Required
    @Size(min = 9, max = 100)
    @JsonPropertyDescription("When to back up: a 5-field Unix cron expression in UTC, e.g. \"0 2 * * *\". "
            + "After downtime one catch-up backup is taken, not one per missed time.")
    private String schedule;

    @Default("7")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many scheduled backups to keep; older ones are pruned, oldest first, unless an "
            + "evolve run or a rollback holds them.")
    private Integer keep = 7;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many on-demand backups (backup-now) to keep; older ones are pruned, oldest first "
            + "(by creation), unless held. Unset: every on-demand backup is kept until deleted by hand.")
    private Integer keepOnDemand;

    @Min(1)
    @Max(3650)
    @JsonPropertyDescription("How many days an on-demand backup (backup-now) is kept, counted from its creation; older "
            + "ones are pruned unless held or pending. Combines with keepOnDemand: a backup beyond either goes. Unset: "
            + "no age limit.")
    private Integer onDemandMaxAgeDays;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getKeepOnDemand() {
        return keepOnDemand;
    }

    public void setKeepOnDemand(Integer keepOnDemand) {
        this.keepOnDemand = keepOnDemand;
    }

    public Integer getOnDemandMaxAgeDays() {
        return onDemandMaxAgeDays;
    }

    public void setOnDemandMaxAgeDays(Integer onDemandMaxAgeDays) {
        this.onDemandMaxAgeDays = onDemandMaxAgeDays;
    }

    public Integer getKeep() {
        return keep;
    }

    public void setKeep(Integer keep) {
        this.keep = keep;
    }
}
