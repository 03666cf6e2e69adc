package org.karlproject.operator.train;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.status.Health;

/** The train's phase and health from its rows (pure; step 6 of {@code package-info}). */
final class TrainVerdict {

    /** How many conflicting sites a Stalled message names before it says "and N more". */
    static final int NAMED = 10;

    /**
     * What holds the train from starting sites: aborted (for good), halted (failure budget), sites a train
     * created first also selects (site to that train), paused.
     */
    record Hold(boolean aborted, boolean halted, Map<String, String> claimed, boolean paused) {
        boolean any() {
            return aborted || halted || !claimed.isEmpty() || paused;
        }
    }

    private TrainVerdict() {
    }

    static Health of(ReleaseTrainSpec spec, List<TrainSite> rows, ReleaseTrainStatus next, Hold hold) {
        String failed = TrainDecide.list(rows, SiteState.Failed);
        int underWay = TrainDecide.count(rows, SiteState.Reseeding) + TrainDecide.count(rows, SiteState.InProgress)
                + TrainDecide.count(rows, SiteState.Baking);
        if (rows.isEmpty()) {
            next.setPhase(TrainPhase.Completed);
            return Health.stalled("NoSites", "the train selects no KarlSite: label sites with every entry of "
                    + "spec.sites.matchLabels, or name the train in a site's spec.releaseTrain");
        }
        if (hold.aborted()) {
            next.setPhase(TrainPhase.Aborted);
            return Health.stalled("Aborted", "spec.abort at " + next.getAbortedAt() + ": no new site starts"
                    + (underWay == 0 ? "" : "; " + underWay + " under way finish on their own rules") + "; "
                    + next.getProgress() + " done. Aborted is final: setting spec.abort back to false does not "
                    + "resume; create a new ReleaseTrain for the sites left");
        }
        if (hold.halted()) {
            next.setPhase(TrainPhase.Halted);
            return Health.stalled("FailureBudgetExceeded", TrainDecide.count(rows, SiteState.Failed)
                    + " sites failed (budget " + spec.getFailureBudget() + "): " + failed
                    + "; no new site starts, nothing is rolled back");
        }
        if (!hold.claimed().isEmpty()) {
            next.setPhase(TrainPhase.Conflicting);
            return Health.stalled("SitesClaimedByAnotherTrain", conflict(hold.claimed()));
        }
        boolean open = rows.stream().anyMatch(r -> r.getState().isWaiting()
                || r.getState().isMoving() || r.getState() == SiteState.Baking);
        if (open && hold.paused()) {
            next.setPhase(TrainPhase.Paused);
            return Health.progressing("Paused", "spec.paused: no new site starts; " + next.getProgress() + " done");
        }
        if (open) {
            next.setPhase(TrainPhase.Progressing);
            return Health.progressing("Progressing", next.getStage() + (next.getWave() == null ? ""
                    : ", " + TrainDecide.waveName(next.getWave())) + ": " + next.getProgress() + " done");
        }
        String blocked = TrainDecide.list(rows, SiteState.Blocked);
        if (failed.isEmpty() && blocked.isEmpty()) {
            next.setPhase(TrainPhase.Succeeded);
            return Health.ready("Succeeded", "every site runs its release on karl " + spec.getKarlVersion());
        }
        next.setPhase(TrainPhase.Completed);
        return Health.stalled(blocked.isEmpty() ? "SitesFailed" : "SitesBlocked", "nothing left to start; "
                + (failed.isEmpty() ? "" : "failed: " + failed + (blocked.isEmpty() ? "" : "; "))
                + (blocked.isEmpty() ? "" : "blocked: " + blocked));
    }

    /** Names the first train(s) and the sites they also select; the train starts nothing meanwhile. */
    private static String conflict(Map<String, String> claimed) {
        Map<String, List<String>> byTrain = claimed.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, java.util.TreeMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        String named = byTrain.entrySet().stream().map(e -> "ReleaseTrain " + e.getKey() + " (created first) also "
                + "selects " + sites(e.getValue())).collect(Collectors.joining("; "));
        return named + ": this train starts nothing while a site is claimed by both; narrow spec.sites or the sites' "
                + "labels, or name one train in the sites' spec.releaseTrain";
    }

    private static String sites(List<String> sites) {
        return String.join(", ", sites.subList(0, Math.min(NAMED, sites.size())))
                + (sites.size() > NAMED ? " and " + (sites.size() - NAMED) + " more" : "");
    }
}
