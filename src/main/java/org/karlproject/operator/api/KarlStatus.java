package org.karlproject.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What every status of this API carries: the generation last acted on and the kstatus conditions
 * ({@code Ready}, {@code Reconciling}, {@code Stalled}). Only {@code org.karlproject.operator.status}
 * writes them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class KarlStatus {

    @JsonPropertyDescription("The metadata.generation of the spec that the operator last acted on.")
    private Long observedGeneration;

    @JsonPropertyDescription("kstatus conditions: Ready, Reconciling and Stalled, each with a CamelCase reason.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
