package org.karlproject.operator.api.train;

/** Where one site stands in a release train. */
public enum SiteState {
    /** Selected, its release resolved; not started yet (its stage or wave has not come). */
    Waiting(false),
    /**
     * Its upgrade needs an evolve and the expected read-only time does not fit in the site's current
     * maintenance window: not started; the row's {@code nextWindow} says when the next window opens.
     */
    WaitingForWindow(false),
    /** Its release cannot be resolved (none or two candidates), or it cannot follow this train; never started. */
    Blocked(false),
    /**
     * A staging site of a train with {@code stages.reseedStaging}: its database is being reseeded from
     * production (the row's {@code reseed} nonce, which the ZeoDatabase reads) before the upgrade starts. The
     * site does not follow the train's target yet.
     */
    Reseeding(false),
    /** Started: the site follows the train's target and is rolling out. */
    InProgress(false),
    /** Ready at the target; the wave bakes: the site must stay Ready until the bake ends. */
    Baking(false),
    /** Ready at the target (and, in production, through the bake). */
    Succeeded(true),
    /** Its rollout aborted, or it was not Ready within the deadline or the bake. Never rolled back by the train. */
    Failed(true),
    /** Already ran the target when the train came to it: nothing to move. */
    Skipped(true);

    private final boolean terminal;

    SiteState(boolean terminal) {
        this.terminal = terminal;
    }

    /** Not started yet: the site waits for its stage, wave, gate or window. */
    public boolean isWaiting() {
        return this == Waiting || this == WaitingForWindow;
    }

    /** Started and not Ready at the target yet: its database being reseeded, or rolling out. */
    public boolean isMoving() {
        return this == Reseeding || this == InProgress;
    }

    /** A state the train never leaves for this site (a Blocked site may still resolve). */
    public boolean isTerminal() {
        return terminal;
    }

    /** The site has been handed the train's target: it follows it (the site reads it from the train's status). */
    public boolean isFollowing() {
        return this != Waiting && this != WaitingForWindow && this != Blocked && this != Reseeding;
    }
}
