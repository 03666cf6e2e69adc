package org.karlproject.operator.api.database;

/**
 * Why a snapshot of a database exists: the value of its {@code deploy.karlproject.org/backup} label, and the
 * trigger of a backup record ({@code Scheduled} or {@code OnDemand}; the others are never backup records).
 */
public enum BackupTrigger {
    /** Taken at a time of {@code spec.backup.schedule}; pruned beyond {@code spec.backup.keep}. */
    Scheduled,
    /** Taken for a {@code deploy.karlproject.org/backup-now} nonce; never pruned. */
    OnDemand,
    /** Taken before deletion ({@code deletionPolicy: Snapshot}); never pruned. */
    Final,
    /** The copy of {@code spec.source.database} that a new database is restored from. */
    Source,
    /** The copy of the source that a reseed is restored from. */
    Reseed,
    /** Taken before a pack ({@code spec.pack}); pruned beyond {@code spec.pack.keepSnapshots}, never a held one. */
    Pack
}
