package org.karlproject.operator.train;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.api.train.TrainStage;
import org.karlproject.operator.api.train.TrainStages;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * The train's decide step, pure: from the recorded rows and what the caches show of the sites, the next rows,
 * stage, wave, counts and verdict (see {@code package-info} for the steps). It never writes anything but the
 * train's own status: a site takes its target from that status.
 */
final class TrainDecide {

    /** How soon a train with sites under way looks again without an event (deadlines have no event). */
    static final Duration POLL = Duration.ofSeconds(30);

    private TrainDecide() {
    }

    static Decision<ReleaseTrainStatus> decide(ReleaseTrainSpec spec, TrainView view, ReleaseTrainStatus next) {
        Instant now = view.now();
        List<Events.Note> events = new ArrayList<>();
        if (!spec.getKarlVersion().equals(next.getKarlVersion())) {
            restart(spec, next); // another karl version: a new journey for every site
        }
        if (Boolean.TRUE.equals(spec.getAbort()) && next.getAbortedAt() == null) {
            next.setAbortedAt(now.toString()); // for good: un-setting spec.abort does not clear it
            events.add(Events.Note.warning("Aborted", "spec.abort: the train stops for good; sites under way "
                    + "finish on their own rules"));
        }
        List<TrainSite> rows = rows(spec, view, next, events);
        bake(spec, view, rows, next, events);
        int failed = count(rows, SiteState.Failed);
        TrainVerdict.Hold hold = new TrainVerdict.Hold(next.getAbortedAt() != null,
                failed > spec.getFailureBudget(), claimed(spec, view), Boolean.TRUE.equals(spec.getPaused()));
        if (!hold.any()) {
            start(spec, view, rows, next, events);
        }
        next.setSites(rows);
        next.setStage(stage(view, rows));
        Map<SiteState, Integer> counts = new EnumMap<>(SiteState.class);
        for (SiteState state : SiteState.values()) {
            counts.put(state, count(rows, state));
        }
        next.setCounts(new TreeMap<>(counts));
        int finished = counts.get(SiteState.Succeeded) + counts.get(SiteState.Failed) + counts.get(SiteState.Skipped);
        next.setProgress(finished + "/" + rows.size());
        if (next.getStartedAt() == null && rows.stream().anyMatch(r -> r.getStarted() != null)) {
            next.setStartedAt(now.toString());
        }
        Health health = TrainVerdict.of(spec, rows, next, hold);
        if (next.getStage() == TrainStage.Done && next.getFinishedAt() == null && !rows.isEmpty()) {
            next.setFinishedAt(now.toString());
        }
        return new Decision<>(next, health, events, null, recheck(rows, next, now));
    }

    /**
     * The selected sites a train created before this one also selects, each with that train: while there is
     * one, this train starts nothing (it is Stalled naming the first train and the sites).
     */
    private static Map<String, String> claimed(ReleaseTrainSpec spec, TrainView view) {
        Map<String, String> claimed = new TreeMap<>();
        Selection.of(spec, view).stream().filter(site -> view.claimedByFirst().containsKey(site.key()))
                .forEach(site -> claimed.put(site.key(), view.claimedByFirst().get(site.key())));
        return claimed;
    }

    private static void restart(ReleaseTrainSpec spec, ReleaseTrainStatus next) {
        next.setKarlVersion(spec.getKarlVersion());
        next.setSites(new ArrayList<>());
        next.setWave(null);
        next.setBakeUntil(null);
        next.setStartedAt(null);
        next.setFinishedAt(null);
    }

    /** Step 1-3: the selected sites' rows, carried over from the status and moved on by what the sites show. */
    private static List<TrainSite> rows(ReleaseTrainSpec spec, TrainView view, ReleaseTrainStatus previous,
            List<Events.Note> events) {
        Map<String, TrainSite> before = previous.getSites().stream()
                .collect(Collectors.toMap(TrainSite::key, Function.identity(), (a, b) -> a));
        List<TrainSite> rows = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        for (TrainView.Site site : Selection.of(spec, view)) {
            selected.add(site.key());
            TrainSite row = Optional.ofNullable(before.get(site.key()))
                    .orElseGet(() -> new TrainSite(site.namespace(), site.name()));
            rows.add(advance(spec, view, site, row, events));
        }
        // A site the train already handed a target keeps its row while it exists, even when it is no longer
        // selected: dropping the row would send it back to its spec.release (a rollback nobody asked for).
        for (TrainSite row : previous.getSites()) {
            if (!selected.contains(row.key()) && row.getState().isFollowing()
                    && view.site(row.getNamespace(), row.getSite()).isPresent()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static TrainSite advance(ReleaseTrainSpec spec, TrainView view, TrainView.Site site, TrainSite row,
            List<Events.Note> events) {
        Instant now = view.now();
        SiteState state = row.getState();
        if (state == null || state.isWaiting() || state == SiteState.Blocked) {
            Resolution resolution = view.movedByOthers().containsKey(site.key())
                    ? new Resolution(null, "ReleaseTrain " + view.movedByOthers().get(site.key()) + " is moving it")
                    : view.claimedByFirst().containsKey(site.key())
                    ? new Resolution(null, "ReleaseTrain " + view.claimedByFirst().get(site.key())
                            + ", created first, also selects it")
                    : Resolution.of(spec, site, view.releases());
            row.setFrom(site.activeRelease());
            row.setTo(resolution.release());
            row.setWave(null);
            row.setNextWindow(null);
            row.setEvolve(null);
            row.setReseed(null);
            if (!resolution.ok()) {
                row.setState(SiteState.Blocked);
                row.setMessage(resolution.problem());
            } else if (site.runs(resolution.release())) {
                row.setState(SiteState.Skipped);
                row.setMessage("already runs " + resolution.release());
                row.setFinished(now.toString());
            } else {
                row.setState(SiteState.Waiting);
                row.setMessage(null);
            }
            return row;
        }
        String to = row.getTo();
        if (state == SiteState.InProgress) {
            if (site.runs(to)) {
                row.setState(site.production() ? SiteState.Baking : SiteState.Succeeded);
                row.setFinished(site.production() ? null : now.toString());
            } else if (to.equals(site.targetRelease())
                    && (site.phase() == RolloutPhase.Aborted || site.phase() == RolloutPhase.Blocked)) {
                fail(row, "its rollout to " + to + " ended " + site.phase(), now, events);
            } else if (now.isAfter(Instant.parse(row.getStarted()).plusSeconds(spec.getSiteDeadlineSeconds()))) {
                fail(row, "not Ready at " + to + " within " + spec.getSiteDeadlineSeconds() + "s", now, events);
            }
        } else if (state == SiteState.Baking && !site.runs(to)) {
            fail(row, "went unhealthy at " + to + " during the bake", now, events);
        } else if (state == SiteState.Reseeding
                && now.isAfter(Instant.parse(row.getStarted()).plusSeconds(spec.getSiteDeadlineSeconds()))) {
            fail(row, "its database was not reseeded from production within " + spec.getSiteDeadlineSeconds() + "s",
                    now, events);
        }
        return row;
    }

    private static void fail(TrainSite row, String why, Instant now, List<Events.Note> events) {
        row.setState(SiteState.Failed);
        row.setMessage(why);
        row.setFinished(now.toString());
        events.add(Events.Note.warning("SiteFailed", row.key() + " failed: " + why));
    }

    /** Step 4: once every site of the canary or wave is Ready (or done), it bakes; after the bake they succeed. */
    private static void bake(ReleaseTrainSpec spec, TrainView view, List<TrainSite> rows, ReleaseTrainStatus next,
            List<Events.Note> events) {
        Integer wave = next.getWave();
        if (wave == null) {
            return;
        }
        List<TrainSite> inWave = rows.stream().filter(r -> wave.equals(r.getWave())).toList();
        if (inWave.stream().anyMatch(r -> r.getState() == SiteState.InProgress)) {
            return;
        }
        if (inWave.stream().noneMatch(r -> r.getState() == SiteState.Baking)) {
            next.setBakeUntil(null);
            return;
        }
        if (next.getBakeUntil() == null) {
            int seconds = spec.stagesOrDefaults().getBakeSeconds();
            next.setBakeUntil(view.now().plusSeconds(seconds).toString());
            events.add(Events.Note.normal("Baking", waveName(wave) + " is Ready: baking for " + seconds + "s"));
        }
        if (!view.now().isBefore(Instant.parse(next.getBakeUntil()))) {
            for (TrainSite row : inWave) {
                if (row.getState() == SiteState.Baking) {
                    row.setState(SiteState.Succeeded);
                    row.setFinished(view.now().toString());
                }
            }
            next.setBakeUntil(null);
        }
    }

    /** Step 5: start staging sites up to the parallelism; then production, the canary and waves in turn. */
    private static void start(ReleaseTrainSpec spec, TrainView view, List<TrainSite> rows, ReleaseTrainStatus next,
            List<Events.Note> events) {
        TrainStages stages = spec.stagesOrDefaults();
        List<TrainSite> staging = rows.stream().filter(r -> !production(view, r)).toList();
        long moving = staging.stream().filter(r -> r.getState().isMoving()).count();
        EvolveGate evolves = new EvolveGate(stages.getMaxConcurrentEvolves(), rows);
        boolean reseed = Boolean.TRUE.equals(stages.getReseedStaging());
        staging.stream().filter(r -> r.getState() == SiteState.Reseeding).forEach(r -> Reseeds.reseeded(view, r, events));
        for (TrainSite row : staging) {
            if (moving >= stages.getStagingParallelism()) {
                break;
            }
            if (row.getState() == SiteState.Waiting && healthy(view, row) && (!reseed || Reseeds.possible(view, row))
                    && evolves.admits(view, row)) {
                if (reseed) {
                    Reseeds.request(spec, view, row, events);
                } else {
                    startRow(row, null, view, events);
                }
                moving++;
            }
        }
        if (staging.stream().anyMatch(r -> r.getState().isWaiting() || r.getState().isMoving())) {
            return;
        }
        List<TrainSite> production = rows.stream().filter(r -> production(view, r)).toList();
        if (production.stream().anyMatch(r -> r.getState() == SiteState.InProgress || r.getState() == SiteState.Baking)) {
            return;
        }
        int wave = next.getWave() == null ? (stages.getCanary() > 0 ? 0 : 1) : next.getWave() + 1;
        int size = wave == 0 ? stages.getCanary() : stages.waveSize(production.size());
        // The next wave is the first `size` waiting sites in row order, not whichever are ready first: which
        // site is the canary is then the train's choice, not the luck of whose staging verified first. A site
        // of the wave not ready yet holds the wave; one whose gate can no longer open is Blocked (promoted).
        // One whose evolve may not start now (outside its window, or the train's evolve limit) is left for a
        // later wave: a window days away must not hold the fleet.
        List<TrainSite> waves = new ArrayList<>();
        for (TrainSite row : production) {
            if (waves.size() == size) {
                break;
            }
            if (row.getState() == SiteState.Waiting && promoted(view, rows, row)) {
                if (!healthy(view, row)) {
                    return;
                }
                if (evolves.admits(view, row)) {
                    waves.add(row);
                }
            } else if (row.getState() == SiteState.Waiting) {
                return; // its staging site has still to verify the release
            }
        }
        if (waves.isEmpty()) {
            return;
        }
        for (TrainSite row : waves) {
            startRow(row, wave, view, events);
        }
        next.setWave(wave);
        next.setBakeUntil(null);
    }

    /**
     * A production site's promotion gate, as the train sees it: its staging site has verified the release.
     * When that staging site is done on this train without verifying it, the production site is Blocked.
     */
    private static boolean promoted(TrainView view, List<TrainSite> rows, TrainSite row) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        String staging = site.requireVerifiedIn();
        if (staging == null) {
            return true;
        }
        Optional<TrainView.Site> counterpart = view.site(site.namespace(), staging);
        if (counterpart.isPresent() && counterpart.get().verified().contains(row.getTo())) {
            return true;
        }
        Optional<TrainSite> stagingRow = rows.stream()
                .filter(r -> r.getNamespace().equals(site.namespace()) && r.getSite().equals(staging)).findFirst();
        if (stagingRow.isPresent() && (stagingRow.get().getState().isTerminal()
                || stagingRow.get().getState() == SiteState.Blocked)) {
            row.setState(SiteState.Blocked);
            row.setMessage("its staging site " + staging + " is " + stagingRow.get().getState()
                    + " on this train and has not verified " + row.getTo());
        } else {
            row.setMessage("waiting for " + staging + " to verify " + row.getTo());
        }
        return false;
    }

    /**
     * The train moves only a site that is Ready and Stable on a release (never one still installing or rolling
     * out): {@code from} is then what it runs, and what it goes back to following once git catches up.
     */
    private static boolean healthy(TrainView view, TrainSite row) {
        TrainView.Site site = view.site(row.getNamespace(), row.getSite()).orElseThrow();
        boolean healthy = site.activeRelease() != null && site.runs(site.activeRelease());
        if (!healthy) {
            row.setMessage("waiting for the site to be Ready and Stable before moving it");
        }
        return healthy;
    }

    private static void startRow(TrainSite row, Integer wave, TrainView view, List<Events.Note> events) {
        row.setState(SiteState.InProgress);
        row.setWave(wave);
        row.setStarted(view.now().toString());
        row.setFinished(null);
        row.setMessage(null);
        events.add(Events.Note.normal("SiteStarted", row.key() + ": " + row.getFrom() + " -> " + row.getTo()
                + (wave == null ? " (staging)" : " (" + waveName(wave) + ")")));
    }

    private static boolean production(TrainView view, TrainSite row) {
        return view.site(row.getNamespace(), row.getSite()).map(TrainView.Site::production).orElse(false);
    }

    private static TrainStage stage(TrainView view, List<TrainSite> rows) {
        if (rows.stream().anyMatch(r -> !production(view, r)
                && (r.getState().isWaiting() || r.getState().isMoving()))) {
            return TrainStage.Staging;
        }
        return rows.stream().anyMatch(r -> r.getState().isWaiting() || r.getState().isMoving()
                || r.getState() == SiteState.Baking) ? TrainStage.Production : TrainStage.Done;
    }

    /** Look again when a bake ends, or soon while sites are under way (their deadlines have no event). */
    private static Optional<Duration> recheck(List<TrainSite> rows, ReleaseTrainStatus next, Instant now) {
        Optional<Duration> window = rows.stream().filter(r -> r.getState() == SiteState.WaitingForWindow
                && r.getNextWindow() != null).map(r -> Duration.between(now, Instant.parse(r.getNextWindow())))
                .map(d -> d.isNegative() ? Duration.ofSeconds(1) : d.plusSeconds(1)).min(Duration::compareTo);
        Optional<Duration> moving;
        if (next.getBakeUntil() != null) {
            Duration toBake = Duration.between(now, Instant.parse(next.getBakeUntil())).plusSeconds(1);
            moving = Optional.of(toBake.compareTo(POLL) < 0 && !toBake.isNegative() ? toBake : POLL);
        } else {
            moving = rows.stream().anyMatch(r -> r.getState().isMoving()
                    || r.getState() == SiteState.Baking) ? Optional.of(POLL) : Optional.empty();
        }
        return window.isEmpty() ? moving : moving.isEmpty() ? window
                : Optional.of(window.get().compareTo(moving.get()) < 0 ? window.get() : moving.get());
    }

    static String waveName(int wave) {
        return wave == 0 ? "the canary" : "wave " + wave;
    }

    static int count(List<TrainSite> rows, SiteState state) {
        return (int) rows.stream().filter(r -> r.getState() == state).count();
    }

    static String list(List<TrainSite> rows, SiteState state) {
        return rows.stream().filter(r -> r.getState() == state).map(r -> r.key() + " (" + r.getMessage() + ")")
                .collect(Collectors.joining(", "));
    }
}
