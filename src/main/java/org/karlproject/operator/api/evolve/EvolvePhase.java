package org.karlproject.operator.api.evolve;

/** The phases of an evolve run, in the order of the procedure. */
public enum EvolvePhase {
    Pending(false),
    /** A VolumeSnapshot of the live volume, while the site is still writable. */
    BaseSnapshot(false),
    /** The database and the site are held read-only. */
    EnteringReadOnly(false),
    /** The second snapshot, consistent because nothing writes any more. */
    FinalSnapshot(false),
    /** A new volume restored from the final snapshot. */
    Restoring(false),
    /** The evolve Job runs against the restored copy only. */
    Evolving(false),
    /** The database switches to the evolved copy; from here the run only moves forward. */
    Switching(false),
    /** The read-only holds are released. */
    LeavingReadOnly(false),
    Succeeded(true),
    Failed(true);

    private final boolean terminal;

    EvolvePhase(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
