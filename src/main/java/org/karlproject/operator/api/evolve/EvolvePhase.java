package org.karlproject.operator.api.evolve;

/**
 * The phases of an evolve run, in the order of the procedure. {@link #holdsReadOnly()}: a run (not a dry run)
 * in this phase holds its database read-only (EnteringReadOnly to AwaitingTraffic, and SwitchingBack).
 * Verifying comes before the volume switch: the database is still read-only on its original volume.
 */
public enum EvolvePhase {
    Pending(false, false),
    /** A VolumeSnapshot of the live volume, while the site is still writable. */
    BaseSnapshot(false, false),
    /** The database and the site are held read-only. */
    EnteringReadOnly(false, true),
    /** The second snapshot, consistent because nothing writes any more. */
    FinalSnapshot(false, true),
    /** A new volume restored from the final snapshot. */
    Restoring(false, true),
    /** The evolve Job runs against the restored copy only. */
    Evolving(false, true),
    /**
     * A verify Job checks the evolved copy (read-only); then a short Job asks the running, read-only ZEO for
     * the live storage's last transaction, which must equal the copy's. A dry run verifies and stops here.
     */
    Verifying(false, true),
    /** The database switches to the evolved copy, still read-only; past the switch deadline: SwitchingBack. */
    Switching(false, true),
    /**
     * The database serves the evolved copy, still read-only, while the site starts, checks and switches
     * traffic to the run's release; a cancel by the site goes to {@link #SwitchingBack}.
     */
    AwaitingTraffic(false, true),
    /** Traffic is on the run's release: the read-only holds are released. */
    LeavingReadOnly(false, false),
    /** The run gave up after the switch: the database serves the original volume again, still read-only. */
    SwitchingBack(false, true),
    Succeeded(true, false),
    Failed(true, false);

    private final boolean terminal;
    private final boolean holdsReadOnly;

    EvolvePhase(boolean terminal, boolean holdsReadOnly) {
        this.terminal = terminal;
        this.holdsReadOnly = holdsReadOnly;
    }

    /** Whether a run (not a dry run) in this phase holds its database read-only. */
    public boolean holdsReadOnly() {
        return holdsReadOnly;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
