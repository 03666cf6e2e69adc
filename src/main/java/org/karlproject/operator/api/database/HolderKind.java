package org.karlproject.operator.api.database;

/** What holds a database read-only: an evolve run (its read-only window) or a site (its ReadOnly mode). */
public enum HolderKind {
    EvolveRun,
    KarlSite
}
