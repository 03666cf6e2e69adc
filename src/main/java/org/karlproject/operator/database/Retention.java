package org.karlproject.operator.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.site.KarlSite;

/**
 * Which previous volumes go: those beyond {@code keepPreviousVolumes} (newest first), except any that a
 * KarlSite still names for a data-restore rollback ({@code status.rollback[].volume} or
 * {@code status.dataRestore.volume}). Pure.
 */
public final class Retention {

    private Retention() {
    }

    public static List<String> toDelete(List<PreviousVolume> previous, int keep, Set<String> needed) {
        List<String> delete = new ArrayList<>();
        for (int i = keep; i < previous.size(); i++) {
            String name = previous.get(i).getName();
            if (!needed.contains(name)) {
                delete.add(name);
            }
        }
        return delete;
    }

    /** Every volume a site on {@code database} still names for a rollback. */
    public static Set<String> neededBySites(String database, List<KarlSite> sites) {
        Set<String> needed = new java.util.TreeSet<>();
        for (KarlSite site : sites) {
            if (site.getStatus() == null || !database.equals(site.getSpec().getDatabase())) {
                continue;
            }
            site.getStatus().getRollback().stream().map(r -> r.getVolume()).filter(v -> v != null).forEach(needed::add);
            for (var restore : java.util.Arrays.asList(site.getStatus().getDataRestore(),
                    site.getStatus().getAbandonedDataRestore())) {
                if (restore != null) { // the restore's volume, and its way back
                    java.util.stream.Stream.of(restore.getVolume(), restore.getBackTo()).filter(v -> v != null)
                            .forEach(needed::add);
                }
            }
        }
        return needed;
    }
}
