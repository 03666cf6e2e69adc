package org.karlproject.operator.api.database;

/** What happens to a ZeoDatabase's data when the resource is deleted. */
public enum DeletionPolicy {
    /** Volumes and snapshots stay, labelled as orphaned. The default. */
    Retain,
    /** A final snapshot is taken, then the volumes are deleted; snapshots stay. */
    Snapshot,
    /** Volumes and the operator's scheduled snapshots are deleted. Held snapshots still stay. */
    Delete
}
