package org.karlproject.operator.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One evolve step: the generation it brings the database to and the catalog indexes it touches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvolveStep {

    @Required
    @Min(1)
    @JsonPropertyDescription("The generation this step brings the database to.")
    private Long generation;

    @Size(max = 200)
    @JsonPropertyDescription("The catalog indexes this step changes; only these are reindexed (\"smarter evolve\").")
    private List<String> reindex = new ArrayList<>();

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }

    public List<String> getReindex() {
        return reindex;
    }

    public void setReindex(List<String> reindex) {
        this.reindex = reindex;
    }
}
