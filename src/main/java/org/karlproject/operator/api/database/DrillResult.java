package org.karlproject.operator.api.database;

/** How a backup drill stands. */
public enum DrillResult {
    /** The scratch volume is being restored, or the verify Job runs on it. */
    Running,
    /** The verify Job passed every check on the restored backup. */
    Passed,
    /** A check failed, the Job failed or ran too long, the scratch volume was lost, or the snapshot disappeared. */
    Failed
}
