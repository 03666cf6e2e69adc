package org.karlproject.operator.api.site;

/** Whether a site starts evolve runs itself. */
public enum EvolvePolicy {
    /** The site creates the EvolveRun for its candidate release and waits for it. */
    Automatic,
    /** The site waits for an EvolveRun that a person creates. */
    Manual
}
