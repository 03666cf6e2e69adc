package org.karlproject.operator.site.rollout;

import org.karlproject.operator.api.site.DataRestoreRequest;
import org.karlproject.operator.api.site.KarlSiteStatus;

/**
 * Giving a data-restore rollback up (its progress deadline, an abort, a new target), stated in the site's
 * own status: the request moves to {@code status.abandonedDataRestore}, and the database, while it serves
 * the restored volume, switches back to the request's {@code backTo} (the volume the active release runs
 * on), holding read-only until it has. The record stays until a new request replaces it: a database
 * reconcile that still saw the old request may switch to the restored volume late, and must then find the
 * way back again.
 */
final class Restores {

    private Restores() {
    }

    /** Gives the site's data restore up, if one is under way. */
    static void abandon(KarlSiteStatus next) {
        DataRestoreRequest restore = next.getDataRestore();
        if (restore != null) {
            next.setAbandonedDataRestore(restore);
            next.setDataRestore(null);
        }
    }

    /** Whether the database still serves the volume of a restore this site gave up. */
    static boolean undoing(SiteView view, KarlSiteStatus next) {
        return next.servesAbandonedDataRestore(view.database().activeVolume());
    }
}
