package org.karlproject.operator.api.database;

/** How a pack stands. */
public enum PackResult {
    /** The pre-pack snapshot is being taken, or the pack Job runs. */
    Running,
    /** The pack Job reported the sizes before and after. */
    Succeeded,
    /** The snapshot or the Job failed, ran too long, or a read-only hold or an evolve came first. */
    Failed
}
