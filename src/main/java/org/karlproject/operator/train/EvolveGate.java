package org.karlproject.operator.train;

import java.util.List;
import org.karlproject.operator.api.site.MaintenanceSpec;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;

/**
 * Whether a waiting site whose upgrade needs an evolve may start now (pure): within the train's
 * {@code spec.stages.maxConcurrentEvolves}, and only when its expected read-only time fits in the site's current
 * maintenance window ({@link Windows}). An upgrade needing no evolve always passes. A site that may not start
 * is left Waiting (evolve limit) or made {@code WaitingForWindow} with the next window's start, or
 * {@code Blocked} when no window can ever hold it; the row's message says why.
 */
final class EvolveGate {

    private final Integer limit;
    private int underWay;

    /** {@code limit}: the train's maxConcurrentEvolves (null: none of its own); {@code rows}: the train's rows. */
    EvolveGate(Integer limit, List<TrainSite> rows) {
        this.limit = limit;
        this.underWay = (int) rows.stream()
                .filter(r -> r.getState().isMoving() && Boolean.TRUE.equals(r.getEvolve())).count();
    }

    /** Whether {@code row} may start now; records the evolve flag on it when it may. Counts it as started. */
    boolean admits(TrainView view, TrainSite row) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        boolean evolve = site.needsEvolve(view.release(row.getNamespace(), row.getTo()).orElse(null));
        if (!evolve) {
            row.setEvolve(null);
            return true;
        }
        if (limit != null && underWay >= limit) {
            row.setMessage("its upgrade needs an evolve and " + underWay + " of the train's sites are evolving "
                    + "(spec.stages.maxConcurrentEvolves " + limit + ")");
            return false;
        }
        MaintenanceSpec maintenance = site.maintenance();
        TrainView.Expectation expected = site.expectedReadOnly();
        Windows.Fit fit = Windows.check(maintenance == null ? null : maintenance.getWindows(), view.now(),
                expected.seconds());
        if (fit.problem() != null) {
            row.setState(SiteState.Blocked);
            row.setMessage(fit.problem() + " (expected read-only seconds from " + expected.source() + ")");
            return false;
        }
        if (!fit.open()) {
            row.setState(SiteState.WaitingForWindow);
            row.setNextWindow(fit.next().toString());
            row.setMessage("its upgrade needs an evolve expected to hold the site read-only " + expected.seconds()
                    + "s (" + expected.source() + "), which does not fit in an open maintenance window; the next "
                    + "opens at " + fit.next());
            return false;
        }
        row.setEvolve(true);
        underWay++;
        return true;
    }
}
