package org.karlproject.operator.api.site;

/** How a site could roll back to a kept release ({@code status.rollback[].kind}). */
public enum RollbackKind {
    /** No evolve since: scale it up and switch. */
    FastSwitch,
    /**
     * The database was evolved past it: switch back to a retained pre-evolve volume, which needs
     * {@code spec.rollback.allowDataRestore} and discards the writes since the evolve.
     */
    DataRestore,
    /** Evolved past it, and no retained volume holds data at its generations. */
    Unavailable
}
