package org.karlproject.operator.api.site;

/** Where a site's rollout stands. {@link #isTerminal()} phases wait for a spec change. */
public enum RolloutPhase {
    /** Nothing decided yet. */
    Pending(false),
    /** The candidate's Deployment is coming up. */
    Deploying(false),
    /**
     * The database is behind the target: an EvolveRun runs (or, with policy Manual, is awaited) before any
     * pod of the target runs, until the database serves the evolved copy (still read-only).
     */
    Evolving(false),
    /** A consented data-restore rollback: the database switches back to a retained pre-evolve volume. */
    RestoringData(false),
    /** The candidate is checked through the preview Service. */
    SmokeChecking(false),
    /** The stable Service is being pointed at the candidate. */
    Switching(false),
    /** The production site waits for its staging site to verify the release. */
    AwaitingPromotion(false),
    /** The active release serves; nothing to do. */
    Stable(true),
    /** The candidate failed its deadline or smoke check; the previous release keeps serving. */
    Aborted(true),
    /** The spec cannot be acted on; see the Stalled condition. */
    Blocked(true);

    private final boolean terminal;

    RolloutPhase(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
