package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How a candidate release is brought up, checked and switched to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {

    @Default("600")
    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Seconds a candidate has to become ready and pass its smoke check; past it the "
            + "rollout is aborted and the candidate never receives traffic.")
    private Integer progressDeadlineSeconds = 600;

    @Default("30")
    @Min(0)
    @Max(86400)
    @JsonPropertyDescription("Seconds after the switch before the previous release is scaled to zero.")
    private Integer scaleDownDelaySeconds = 30;

    @Default("3")
    @Min(1)
    @Max(20)
    @JsonPropertyDescription("How many recent releases (the active one included) are kept, scaled to zero, for rollback.")
    private Integer keepReleases = 3;

    @JsonPropertyDescription("The HTTP check a candidate must pass through the preview Service before it gets traffic.")
    private SmokeCheckSpec smokeCheck;

    public Integer getProgressDeadlineSeconds() {
        return progressDeadlineSeconds;
    }

    public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
        this.progressDeadlineSeconds = progressDeadlineSeconds;
    }

    public Integer getScaleDownDelaySeconds() {
        return scaleDownDelaySeconds;
    }

    public void setScaleDownDelaySeconds(Integer scaleDownDelaySeconds) {
        this.scaleDownDelaySeconds = scaleDownDelaySeconds;
    }

    public Integer getKeepReleases() {
        return keepReleases;
    }

    public void setKeepReleases(Integer keepReleases) {
        this.keepReleases = keepReleases;
    }

    public SmokeCheckSpec getSmokeCheck() {
        return smokeCheck;
    }

    public void setSmokeCheck(SmokeCheckSpec smokeCheck) {
        this.smokeCheck = smokeCheck;
    }
}
