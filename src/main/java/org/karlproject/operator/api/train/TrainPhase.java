package org.karlproject.operator.api.train;

/** Where a release train stands as a whole. */
public enum TrainPhase {
    /** Sites are moving, or waiting for their stage or wave. */
    Progressing,
    /** spec.paused: sites under way finish; no new site starts. */
    Paused,
    /**
     * Another train, created earlier (then: first by namespace/name), selects some of the same sites: this one
     * starts nothing until they are no longer claimed by both (Stalled, naming the first train and the sites).
     */
    Conflicting,
    /** spec.abort: stopped for good; sites under way finished on their own rules. Terminal. */
    Aborted,
    /** More sites failed than spec.failureBudget allows: no new site starts; nothing is rolled back. */
    Halted,
    /** Every site succeeded or already ran its target. */
    Succeeded,
    /** Nothing left to start, and some sites failed (within the budget) or are blocked. */
    Completed
}
