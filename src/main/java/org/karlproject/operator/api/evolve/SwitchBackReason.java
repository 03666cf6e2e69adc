package org.karlproject.operator.api.evolve;

/** Why a run gives up after the volume switch ({@link EvolveRunStatus#getSwitchBackReason()}). */
public enum SwitchBackReason {
    /** The database did not serve the evolved copy and become Ready within the switch deadline. */
    SwitchDeadlineExceeded,
    /** The site cancelled the run, no longer rolls out its release, or has stayed missing. */
    Cancelled
}
