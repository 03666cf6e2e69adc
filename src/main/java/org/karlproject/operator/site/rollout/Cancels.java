package org.karlproject.operator.site.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.site.KarlSiteStatus;

/**
 * The site's cancel of its EvolveRun, stated in its own status ({@code status.cancelEvolveRuns}); the run
 * acts on it (before the volume switch it fails, after it it switches the database back). A run that has
 * reached LeavingReadOnly is past cancelling: traffic is on its release.
 */
final class Cancels {

    private Cancels() {
    }

    /** Cancels the rollout's run if it is still cancellable; whether it did (or had). */
    static boolean cancel(SiteView view, KarlSiteStatus next) {
        Optional<SiteView.Evolve> run = Optional.ofNullable(next.getEvolveRun()).flatMap(name -> view.evolves().runs()
                .stream().filter(e -> e.name().equals(name)).findFirst())
                .filter(e -> e.phase() == null || !e.phase().isTerminal() && e.phase() != EvolvePhase.LeavingReadOnly);
        if (run.isEmpty()) {
            return false;
        }
        if (!next.getCancelEvolveRuns().contains(run.get().name())) {
            List<String> cancels = new ArrayList<>(next.getCancelEvolveRuns());
            cancels.add(run.get().name());
            next.setCancelEvolveRuns(cancels);
        }
        return true;
    }

    /** Drops the names of runs that have finished (or are gone): nothing more to ask of them. */
    static void prune(SiteView view, KarlSiteStatus next) {
        List<String> left = next.getCancelEvolveRuns().stream().filter(name -> unfinished(view, name)).toList();
        if (left.size() != next.getCancelEvolveRuns().size()) {
            next.setCancelEvolveRuns(new ArrayList<>(left));
        }
    }

    /** A run this site cancelled that has not finished yet, if any. */
    static Optional<String> pending(SiteView view, KarlSiteStatus next) {
        return next.getCancelEvolveRuns().stream().filter(name -> unfinished(view, name)).findFirst();
    }

    private static boolean unfinished(SiteView view, String name) {
        return view.evolves().runs().stream().anyMatch(e -> e.name().equals(name)
                && (e.phase() == null || !e.phase().isTerminal()));
    }
}
