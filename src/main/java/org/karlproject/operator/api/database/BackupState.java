package org.karlproject.operator.api.database;

/** How a backup (a VolumeSnapshot of the active volume) stands. */
public enum BackupState {
    /** Requested; the snapshot is not ready yet. */
    Pending,
    /** The snapshot is ready to restore from. */
    Ready,
    /** The snapshot reported an error, or was not ready within the deadline; its message says which. */
    Failed
}
