package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;

/** A background worker that runs on a schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduledWorkerSpec {

    @Default("true")
    @JsonPropertyDescription("Run this worker.")
    private Boolean enabled = true;

    @Default("0 */6 * * *")
    @Size(min = 9, max = 100)
    @JsonPropertyDescription("When to run: a 5-field Unix cron expression in UTC.")
    private String schedule = "0 */6 * * *";

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
