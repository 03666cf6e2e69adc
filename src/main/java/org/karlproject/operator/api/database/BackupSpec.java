package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Scheduled backups: VolumeSnapshots of the active volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.verify) || !has(self.verify.everyNthBackup) "
        + "|| self.verify.everyNthBackup <= (has(self.keep) ? self.keep : 7)",
        message = "backup.verify.everyNthBackup must not exceed backup.keep: the backups to count must still exist")
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

    // ---- backup drills (issue #17) ----
    @JsonPropertyDescription("Backup drills: restore a scheduled backup into a scratch volume and verify it, on a "
            + "schedule or every Nth backup. Omit for none.")
    private BackupVerifySpec verify;

    public BackupVerifySpec getVerify() {
        return verify;
    }

    public void setVerify(BackupVerifySpec verify) {
        this.verify = verify;
    }
    // ---- end of backup drills ----

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
