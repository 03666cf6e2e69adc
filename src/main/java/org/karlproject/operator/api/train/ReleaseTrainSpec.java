package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.Api;

/** One karl version through every selected site: staging first, then production in waves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReleaseTrainSpec {

    @Required
    @Size(min = 1, max = 64)
    @Pattern(Api.EXACT_VERSION_PATTERN)
    @JsonPropertyDescription("The karl version that moves (e.g. 3.31): the spec.version of the root of the basedOn "
            + "chains. Each site moves to the Ready ReleaseIndex in its namespace whose chain reaches it and that "
            + "carries the site's customization package.")
    private String karlVersion;

    @JsonPropertyDescription("Which KarlSites ride the train (besides those naming it in spec.releaseTrain).")
    private TrainSites sites;

    @Size(max = 100)
    @JsonPropertyDescription("Explicit releases for single sites, instead of the resolved one.")
    private List<ReleaseOverride> overrides = new ArrayList<>();

    @JsonPropertyDescription("Staging parallelism; the production canary, wave size and bake.")
    private TrainStages stages;

    @Default("3600")
    @Min(60)
    @Max(86400)
    @JsonPropertyDescription("How long a started site may take to be Ready at its target before it counts as failed.")
    private Integer siteDeadlineSeconds = 3600;

    @Default("0")
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("How many sites may fail: one more halts the train (no new site starts; nothing is "
            + "rolled back).")
    private Integer failureBudget = 0;

    @Default("false")
    @JsonPropertyDescription("Start no new site; sites under way finish. Set back to false to resume.")
    private Boolean paused = false;

    @Default("false")
    @JsonPropertyDescription("Stop the train for good: no new site starts, sites under way finish on their own "
            + "rules, phase Aborted. Never written by the operator. Terminal: setting it back to false does not "
            + "resume (create a new train to move the remaining sites).")
    private Boolean abort = false;

    public String getKarlVersion() {
        return karlVersion;
    }

    public void setKarlVersion(String karlVersion) {
        this.karlVersion = karlVersion;
    }

    public TrainSites getSites() {
        return sites;
    }

    public void setSites(TrainSites sites) {
        this.sites = sites;
    }

    public List<ReleaseOverride> getOverrides() {
        return overrides;
    }

    public void setOverrides(List<ReleaseOverride> overrides) {
        this.overrides = overrides;
    }

    public TrainStages getStages() {
        return stages;
    }

    public void setStages(TrainStages stages) {
        this.stages = stages;
    }

    /** The stages, or their defaults. */
    public TrainStages stagesOrDefaults() {
        return stages == null ? new TrainStages() : stages;
    }

    public Integer getSiteDeadlineSeconds() {
        return siteDeadlineSeconds;
    }

    public void setSiteDeadlineSeconds(Integer siteDeadlineSeconds) {
        this.siteDeadlineSeconds = siteDeadlineSeconds;
    }

    public Integer getFailureBudget() {
        return failureBudget;
    }

    public void setFailureBudget(Integer failureBudget) {
        this.failureBudget = failureBudget;
    }

    public Boolean getAbort() {
        return abort;
    }

    public void setAbort(Boolean abort) {
        this.abort = abort;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }
}
