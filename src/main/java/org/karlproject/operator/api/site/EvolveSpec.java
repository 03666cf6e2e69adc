package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What a rollout does when the database is behind the release. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvolveSpec {

    @Default("Automatic")
    @JsonPropertyDescription("Automatic: the site creates the EvolveRun; Manual: it waits for one.")
    private EvolvePolicy policy = EvolvePolicy.Automatic;

    @Default("1800")
    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("Seconds the site may stay read-only during an evolve run before the run is aborted.")
    private Integer readOnlyBudgetSeconds = 1800;

    public EvolvePolicy getPolicy() {
        return policy;
    }

    public void setPolicy(EvolvePolicy policy) {
        this.policy = policy;
    }

    public Integer getReadOnlyBudgetSeconds() {
        return readOnlyBudgetSeconds;
    }

    public void setReadOnlyBudgetSeconds(Integer readOnlyBudgetSeconds) {
        this.readOnlyBudgetSeconds = readOnlyBudgetSeconds;
    }
}
