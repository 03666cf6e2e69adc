package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One phase of a run as it happened. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvolveStepRecord {

    @JsonPropertyDescription("The phase.")
    private EvolvePhase name;

    @JsonPropertyDescription("When it started (RFC 3339).")
    private String started;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finished;

    @JsonPropertyDescription("Running (the current phase), Succeeded or Failed.")
    private StepOutcome outcome;

    @JsonPropertyDescription("What happened.")
    private String message;

    public EvolvePhase getName() {
        return name;
    }

    public void setName(EvolvePhase name) {
        this.name = name;
    }

    public String getStarted() {
        return started;
    }

    public void setStarted(String started) {
        this.started = started;
    }

    public String getFinished() {
        return finished;
    }

    public void setFinished(String finished) {
        this.finished = finished;
    }

    public StepOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(StepOutcome outcome) {
        this.outcome = outcome;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
