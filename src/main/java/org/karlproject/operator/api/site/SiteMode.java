package org.karlproject.operator.api.site;

/** KARL's own site modes. */
public enum SiteMode {
    /** Readable and writable. */
    Normal,
    /** KARL read-only; the ZeoDatabase is held read-only. */
    ReadOnly,
    /** The stable Service points at a maintenance page; the releases are untouched. */
    Maintenance
}
