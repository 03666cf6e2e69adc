package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.KarlStatus;

/** Where the train stands: its phase and stage, one compact row per site, counts per state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReleaseTrainStatus extends KarlStatus {

    @JsonPropertyDescription("The spec.karlVersion the rows are for; another one starts the train over.")
    private String karlVersion;

    @JsonPropertyDescription("Progressing, Paused, Conflicting, Aborted, Halted, Succeeded or Completed.")
    private TrainPhase phase;

    @JsonPropertyDescription("Staging, Production or Done.")
    private TrainStage stage;

    @JsonPropertyDescription("The production wave under way: 0 is the canary.")
    private Integer wave;

    @JsonPropertyDescription("When the bake of the current canary or wave ends (RFC 3339); set once all its sites "
            + "are Ready.")
    private String bakeUntil;

    @JsonPropertyDescription("Finished sites (Succeeded, Failed, Skipped) out of all selected, e.g. 3/7.")
    private String progress;

    @JsonPropertyDescription("How many sites are in each state.")
    private Map<SiteState, Integer> counts = new TreeMap<>();

    @JsonPropertyDescription("When the train started and finished (RFC 3339).")
    private String startedAt;

    private String finishedAt;

    @JsonPropertyDescription("When spec.abort stopped the train for good (RFC 3339); it stays Aborted even if "
            + "spec.abort is set back to false.")
    private String abortedAt;

    @JsonPropertyDescription("One row per selected site, staging first, by namespace and name.")
    private List<TrainSite> sites = new ArrayList<>();

    public String getKarlVersion() {
        return karlVersion;
    }

    public void setKarlVersion(String karlVersion) {
        this.karlVersion = karlVersion;
    }

    public TrainPhase getPhase() {
        return phase;
    }

    public void setPhase(TrainPhase phase) {
        this.phase = phase;
    }

    public TrainStage getStage() {
        return stage;
    }

    public void setStage(TrainStage stage) {
        this.stage = stage;
    }

    public Integer getWave() {
        return wave;
    }

    public void setWave(Integer wave) {
        this.wave = wave;
    }

    public String getBakeUntil() {
        return bakeUntil;
    }

    public void setBakeUntil(String bakeUntil) {
        this.bakeUntil = bakeUntil;
    }

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public Map<SiteState, Integer> getCounts() {
        return counts;
    }

    public void setCounts(Map<SiteState, Integer> counts) {
        this.counts = counts;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public String getAbortedAt() {
        return abortedAt;
    }

    public void setAbortedAt(String abortedAt) {
        this.abortedAt = abortedAt;
    }

    public List<TrainSite> getSites() {
        return sites;
    }

    public void setSites(List<TrainSite> sites) {
        this.sites = sites;
    }
}
