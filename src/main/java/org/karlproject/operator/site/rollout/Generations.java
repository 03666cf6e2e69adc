package org.karlproject.operator.site.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteRelease;

/** Compares a database's evolve generations with what a release's code expects (per evolve manager). */
public final class Generations {

    public static final String FAST_SWITCH = "FastSwitch";
    public static final String DATA_RESTORE = "DataRestore";
    public static final String UNAVAILABLE = "Unavailable";

    private Generations() {
    }

    /**
     * The database must be evolved for this release: some manager of the release is ahead of the database,
     * or missing from it. A new, empty database (no generations) is never behind: KARL initialises it.
     */
    public static boolean behind(Map<String, Long> database, Map<String, Long> release) {
        if (database == null || database.isEmpty() || release == null) {
            return false;
        }
        return release.entrySet().stream()
                .anyMatch(e -> !database.containsKey(e.getKey()) || database.get(e.getKey()) < e.getValue());
    }

    /** The database was evolved past this release: some manager of the database is ahead of it. */
    public static boolean ahead(Map<String, Long> database, Map<String, Long> release) {
        if (database == null || release == null) {
            return false;
        }
        return release.entrySet().stream()
                .anyMatch(e -> database.containsKey(e.getKey()) && database.get(e.getKey()) > e.getValue());
    }

    /** The newest retained volume whose data is exactly at this release's generations. */
    public static Optional<PreviousVolume> restoreVolume(List<PreviousVolume> previous, Map<String, Long> release) {
        if (previous == null || release == null) {
            return Optional.empty();
        }
        return previous.stream()
                .filter(v -> v.getGenerations() != null && !v.getGenerations().isEmpty())
                .filter(v -> !behind(v.getGenerations(), release) && !ahead(v.getGenerations(), release))
                .findFirst();
    }

    /** For each kept (formerly active) release, which rollback is possible. */
    public static List<RollbackOption> rollbackOptions(List<SiteRelease> releases, SiteView.Database database,
            Map<String, Map<String, Long>> keptGenerations) {
        List<RollbackOption> options = new ArrayList<>();
        for (SiteRelease kept : releases) {
            if (!ReleaseList.KEPT.equals(kept.getState())) {
                continue;
            }
            RollbackOption option = new RollbackOption();
            option.setRelease(kept.getRelease());
            Map<String, Long> expects = keptGenerations.get(kept.getRelease());
            if (database == null || !ahead(database.generations(), expects)) {
                option.setKind(FAST_SWITCH);
            } else {
                Optional<PreviousVolume> volume = restoreVolume(database.previousVolumes(), expects);
                option.setKind(volume.isPresent() ? DATA_RESTORE : UNAVAILABLE);
                volume.ifPresent(v -> {
                    option.setVolume(v.getName());
                    option.setDiscardsWritesSince(v.getRetiredAt());
                });
            }
            options.add(option);
        }
        return options;
    }
}
