package org.karlproject.operator.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RollbackKind;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.site.rollout.SiteView;

/**
 * For each kept (formerly active) release, which rollback is possible ({@code status.rollback}): a fast
 * switch while the database is not past it, else a data restore from the newest retained volume at its
 * generations, else none. Pure.
 */
final class RollbackOptions {

    private RollbackOptions() {
    }

    static List<RollbackOption> of(List<SiteRelease> releases, SiteView.Database database,
            Map<String, Map<String, Long>> keptGenerations) {
        List<RollbackOption> options = new ArrayList<>();
        for (SiteRelease kept : releases) {
            if (kept.getState() != ReleaseState.Kept) {
                continue;
            }
            RollbackOption option = new RollbackOption();
            option.setRelease(kept.getRelease());
            Map<String, Long> expects = keptGenerations.get(kept.getRelease());
            if (database == null || !Generations.ahead(database.generations(), expects)) {
                option.setKind(RollbackKind.FastSwitch);
            } else {
                Optional<PreviousVolume> volume = Generations.restoreVolume(database.previousVolumes(), expects);
                option.setKind(volume.isPresent() ? RollbackKind.DataRestore : RollbackKind.Unavailable);
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
