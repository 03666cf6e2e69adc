package org.karlproject.operator.api.evolve;

/** How a phase of a run ended ({@link EvolveStepRecord#getOutcome()}). */
public enum StepOutcome {
    /** The run is in this phase now. */
    Running,
    /** The phase did its work; the run went on. */
    Succeeded,
    /** The run failed in this phase, or gave up after the switch (it went to SwitchingBack). */
    Failed
}
