package org.karlproject.operator.api.site;

/** Where a release a site keeps ({@code status.releases[]}) stands. */
public enum ReleaseState {
    /** The target of the rollout under way: deployed, not yet given traffic. */
    Candidate,
    /** Serves the site's traffic. */
    Active,
    /** Served before; scaled to zero after the switch, kept for a rollback. */
    Kept,
    /** Its rollout was aborted or superseded: it never received traffic. */
    Aborted
}
