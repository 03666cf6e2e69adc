package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Backup drills: when to restore the newest ready scheduled backup into a scratch volume and run the release
 * image's {@code verify} on it, and how old the newest verified backup may grow before {@code BackupVerified}
 * goes False. Exactly one of {@code schedule} or {@code everyNthBackup}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.schedule) ? 1 : 0) + (has(self.everyNthBackup) ? 1 : 0) == 1",
        message = "set exactly one of backup.verify.schedule or backup.verify.everyNthBackup")
public class BackupVerifySpec {

    @Size(min = 9, max = 100)
    @JsonPropertyDescription("When to drill: a 5-field Unix cron expression in UTC, e.g. \"0 4 * * 0\". After "
            + "downtime one catch-up drill, not one per missed time. Exclusive with everyNthBackup.")
    private String schedule;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Drill every Nth scheduled backup: once N scheduled backups newer than the last "
            + "drilled one are ready (the first as soon as one is). At most spec.backup.keep. Exclusive with schedule.")
    private Integer everyNthBackup;

    @Default("192")
    @Min(1)
    @Max(8784)
    @JsonPropertyDescription("How old (hours since it was taken) the newest verified backup may be before the "
            + "BackupVerified condition goes False (reason VerifiedBackupTooOld). Default 192 (8 days).")
    private Integer maxAgeHours = 192;

    @Default("3600")
    @Min(60)
    @Max(86400)
    @JsonPropertyDescription("How long a drill's verify Job may run before the drill counts as failed.")
    private Integer activeDeadlineSeconds = 3600;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getEveryNthBackup() {
        return everyNthBackup;
    }

    public void setEveryNthBackup(Integer everyNthBackup) {
        this.everyNthBackup = everyNthBackup;
    }

    public Integer getMaxAgeHours() {
        return maxAgeHours;
    }

    public void setMaxAgeHours(Integer maxAgeHours) {
        this.maxAgeHours = maxAgeHours;
    }

    public Integer getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Integer activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }
}
