package org.karlproject.operator.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The generation one evolve manager's code expects, and what its steps touch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.steps) || self.steps.all(s, s.generation <= self.generation)",
        message = "every step's generation must be at most the manager's generation", fieldPath = ".steps")
public class EvolveManager {

    @Required
    @Size(min = 1, max = 200)
    @Pattern("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
    @JsonPropertyDescription("The evolve manager's name as the database records it in root['repoze.evolution'], "
            + "e.g. karl or the customization package's name.")
    private String manager;

    @Required
    @Min(0)
    @JsonPropertyDescription("The generation this release's code expects the database to be at.")
    private Long generation;

    @Size(max = 1000)
    @JsonPropertyDescription("Optional: what each evolve step touches, so evolve reindexes only those catalog indexes.")
    private List<EvolveStep> steps = new ArrayList<>();

    public String getManager() {
        return manager;
    }

    public void setManager(String manager) {
        this.manager = manager;
    }

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }

    public List<EvolveStep> getSteps() {
        return steps;
    }

    public void setSteps(List<EvolveStep> steps) {
        this.steps = steps;
    }
}
