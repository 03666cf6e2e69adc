package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.Api;

/** Which site's database to evolve to which release, and the limits of the run. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf",
        message = "an EvolveRun is immutable: create a new EvolveRun to run again")
public class EvolveRunSpec {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The KarlSite whose database is evolved; the site is held read-only during the run.")
    private String site;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The ReleaseIndex to evolve to: its image runs the evolve Job and its evolve "
            + "generations are the target.")
    private String release;

    @Size(min = 1, max = 64)
    @JsonPropertyDescription("The command the evolve Job runs in the release's image. Default: [evolve, --latest].")
    private List<String> command = new ArrayList<>(List.of("evolve", "--latest"));

    @Default("false")
    @JsonPropertyDescription("Rehearse: evolve a restored copy of a snapshot taken while writable, never switch, "
            + "never make the site read-only; report the duration and outcome.")
    private Boolean dryRun = false;

    @Default("1800")
    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("Seconds the site may stay read-only; past it, before the switch, the run is aborted "
            + "and the site returns to writable on the untouched original.")
    private Integer readOnlyBudgetSeconds = 1800;

    @Default("3600")
    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("Seconds the evolve Job may run (its activeDeadlineSeconds).")
    private Integer activeDeadlineSeconds = 3600;

    @Default("true")
    @JsonPropertyDescription("On failure keep the restored copy, labelled for inspection; false deletes it.")
    private Boolean keepRestoredVolumeOnFailure = true;

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Integer getReadOnlyBudgetSeconds() {
        return readOnlyBudgetSeconds;
    }

    public void setReadOnlyBudgetSeconds(Integer readOnlyBudgetSeconds) {
        this.readOnlyBudgetSeconds = readOnlyBudgetSeconds;
    }

    public Integer getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Integer activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public Boolean getKeepRestoredVolumeOnFailure() {
        return keepRestoredVolumeOnFailure;
    }

    public void setKeepRestoredVolumeOnFailure(Boolean keepRestoredVolumeOnFailure) {
        this.keepRestoredVolumeOnFailure = keepRestoredVolumeOnFailure;
    }
}
