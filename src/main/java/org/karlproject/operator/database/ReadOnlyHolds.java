package org.karlproject.operator.database;

import org.karlproject.operator.api.database.HolderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.SiteMode;

/**
 * Who holds a database read-only, derived from the holders' own objects ("intents in their own status; the
 * owner acts"): an EvolveRun on this database (not a dry run) in a read-only phase, and a KarlSite on this
 * database whose spec.mode is ReadOnly or whose status.dataRestore is set (a data-restore rollback holds the
 * database read-only from the request until the site has switched traffic to the release that expects the
 * restored data). Taking or releasing a hold is idempotent: the list is recomputed
 * from what exists on every reconcile. Pure.
 */
public final class ReadOnlyHolds {

    public static final HolderKind EVOLVE_RUN = HolderKind.EvolveRun;
    public static final HolderKind KARL_SITE = HolderKind.KarlSite;

    /** The EvolveRun phases in which a run holds its database read-only ({@link EvolvePhase#holdsReadOnly()}). */
    public static final Set<EvolvePhase> HOLDING = Collections.unmodifiableSet(Stream.of(EvolvePhase.values())
            .filter(EvolvePhase::holdsReadOnly).collect(Collectors.toCollection(() -> EnumSet.noneOf(EvolvePhase.class))));

    private ReadOnlyHolds() {
    }

    /** The holders now, sorted by kind and name; a holder keeps its {@code since} from {@code previous}. */
    public static List<ReadOnlyHolder> holders(String database, List<EvolveRun> runs, List<KarlSite> sites,
            List<ReadOnlyHolder> previous, Instant now) {
        return holders(database, runs, sites, previous, now, null);
    }

    /**
     * The same, knowing the volume the database serves now: a data restore a site gave up still holds while
     * the database serves its volume (until the switch back to the volume its active release expects).
     */
    public static List<ReadOnlyHolder> holders(String database, List<EvolveRun> runs, List<KarlSite> sites,
            List<ReadOnlyHolder> previous, Instant now, String activeVolume) {
        List<ReadOnlyHolder> holders = new ArrayList<>();
        for (EvolveRun run : runs) {
            var status = run.getStatus();
            if (status == null || !database.equals(status.getDatabase()) || Boolean.TRUE.equals(run.getSpec().getDryRun())
                    || status.getPhase() == null || !status.getPhase().holdsReadOnly()) {
                continue;
            }
            String since = status.getSteps().stream().filter(s -> s.getName() == EvolvePhase.EnteringReadOnly)
                    .map(s -> s.getStarted()).filter(Objects::nonNull).findFirst()
                    .orElseGet(() -> previousSince(previous, EVOLVE_RUN, name(run), now));
            holders.add(holder(EVOLVE_RUN, name(run), since));
        }
        for (KarlSite site : sites) {
            boolean restoring = site.getStatus() != null && site.getStatus().dataRestoreHolds(activeVolume);
            if (database.equals(site.getSpec().getDatabase())
                    && (site.getSpec().getMode() == SiteMode.ReadOnly || restoring)) {
                holders.add(holder(KARL_SITE, name(site), previousSince(previous, KARL_SITE, name(site), now)));
            }
        }
        holders.sort(Comparator.comparing(ReadOnlyHolder::getKind).thenComparing(ReadOnlyHolder::getName));
        return holders;
    }

    private static String previousSince(List<ReadOnlyHolder> previous, HolderKind kind, String name, Instant now) {
        return Optional.ofNullable(previous).orElse(List.of()).stream()
                .filter(h -> kind == h.getKind() && name.equals(h.getName()))
                .map(ReadOnlyHolder::getSince).filter(Objects::nonNull).findFirst().orElse(now.toString());
    }

    private static ReadOnlyHolder holder(HolderKind kind, String name, String since) {
        ReadOnlyHolder holder = new ReadOnlyHolder();
        holder.setKind(kind);
        holder.setName(name);
        holder.setSince(since);
        return holder;
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
