package org.karlproject.operator.database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.DataRestoreRequest;
import org.karlproject.operator.api.site.KarlSite;

/**
 * Which volume the database should serve next, from the intents of others (pure):
 * <ul>
 *   <li>an EvolveRun on this database (not a dry run) in phase Switching whose restoredVolume is Bound,
 *       differs from the active volume and was never served before, while no other EvolveRun on this
 *       database is past Pending and unfinished: switch to it, with the run's toGenerations;</li>
 *   <li>an EvolveRun on this database in phase SwitchingBack whose restoredVolume is the active volume:
 *       serve its sourceVolume (retained in previousVolumes) again, with the generations recorded for it.
 *       The copy never served writable, so it does not become a previous volume (the run keeps it);</li>
 *   <li>a KarlSite on this database whose status.abandonedDataRestore names the active volume (a restore it
 *       gave up, which the database had served or is serving now): switch to its backTo, the volume served
 *       when the restore was asked for, with the generations recorded for it;</li>
 *   <li>a KarlSite on this database whose status.dataRestore names one of the previous volumes, requested
 *       after that volume was retired: switch back to it, with the generations recorded for it.</li>
 * </ul>
 * {@link #apply} moves the active volume to the front of previousVolumes with when and why.
 */
public final class VolumeSwitch {

    /**
     * A switch to {@code volume} because of {@code reason}; the data on it is at {@code generations}.
     * {@code back}: a run's switch back, after which the active volume (its copy) is no previous volume.
     */
    public record Target(String volume, String reason, Map<String, Long> generations, boolean back) {
        public Target(String volume, String reason, Map<String, Long> generations) {
            this(volume, reason, generations, false);
        }
    }

    private VolumeSwitch() {
    }

    public static Optional<Target> decide(String database, ZeoDatabaseStatus status, List<EvolveRun> runs,
            List<KarlSite> sites, Predicate<String> bound) {
        String active = status.getActiveVolume();
        if (active == null) {
            return Optional.empty();
        }
        List<EvolveRun> mine = runs.stream().filter(run -> onThisDatabase(run, database)).toList();
        for (EvolveRun run : mine) {
            var s = run.getStatus();
            if (s.getPhase() != EvolvePhase.SwitchingBack || !active.equals(s.getRestoredVolume())
                    || s.getSourceVolume() == null || !bound.test(s.getSourceVolume())) {
                continue;
            }
            Optional<PreviousVolume> original = previous(status, s.getSourceVolume());
            if (original.isPresent()) {
                return Optional.of(new Target(s.getSourceVolume(), "EvolveRun " + run.getMetadata().getName()
                        + " gave up", new TreeMap<>(original.get().getGenerations()), true));
            }
        }
        for (EvolveRun run : mine) {
            var s = run.getStatus();
            if (s.getPhase() != EvolvePhase.Switching || s.getRestoredVolume() == null || rivalUnfinished(run, mine)) {
                continue;
            }
            String volume = s.getRestoredVolume();
            if (!volume.equals(active) && previous(status, volume).isEmpty() && bound.test(volume)) {
                return Optional.of(new Target(volume, "EvolveRun " + run.getMetadata().getName(),
                        new TreeMap<>(s.getToGenerations())));
            }
        }
        for (KarlSite site : sites) {
            Optional<PreviousVolume> back = givenUp(database, status, site);
            if (back.isPresent()) {
                return Optional.of(new Target(back.get().getName(), "Rollback " + site.getMetadata().getName()
                        + " given up", new TreeMap<>(back.get().getGenerations())));
            }
        }
        return dataRestore(database, status, sites).map(DataRestore::target);
    }

    /** A site's data-restore request that the database honours, the retained volume it names, and the switch. */
    public record DataRestore(KarlSite site, DataRestoreRequest request, PreviousVolume volume, Target target) {
    }

    /**
     * The first site on this database whose status.dataRestore names one of the previous volumes, requested
     * after that volume was retired (the last rule of {@link #decide}).
     */
    public static Optional<DataRestore> dataRestore(String database, ZeoDatabaseStatus status, List<KarlSite> sites) {
        for (KarlSite site : sites) {
            var restore = site.getStatus() == null ? null : site.getStatus().getDataRestore();
            if (restore == null || restore.getVolume() == null || !database.equals(site.getSpec().getDatabase())) {
                continue;
            }
            Optional<PreviousVolume> target = previous(status, restore.getVolume())
                    .filter(p -> requestedAfterRetirement(restore.getRequestedAt(), p.getRetiredAt()));
            if (target.isPresent()) {
                return Optional.of(new DataRestore(site, restore, target.get(), new Target(target.get().getName(),
                        "Rollback " + site.getMetadata().getName() + " to " + restore.getRelease(),
                        new TreeMap<>(target.get().getGenerations()))));
            }
        }
        return Optional.empty();
    }

    /**
     * A data restore the site gave up while the database serves its volume: the volume to go back to (the
     * one served when the restore was asked for), if retained. The restored volume is retained again.
     */
    static Optional<PreviousVolume> givenUp(String database, ZeoDatabaseStatus status, KarlSite site) {
        if (site.getStatus() == null || !database.equals(site.getSpec().getDatabase())
                || !site.getStatus().servesAbandonedDataRestore(status.getActiveVolume())) {
            return Optional.empty();
        }
        return Optional.ofNullable(site.getStatus().getAbandonedDataRestore().getBackTo())
                .flatMap(back -> previous(status, back));
    }

    /** The original volumes of the unfinished runs on this database: retention keeps them (their way back). */
    public static java.util.Set<String> neededByRuns(String database, List<EvolveRun> runs) {
        java.util.Set<String> needed = new java.util.TreeSet<>();
        runs.stream().filter(run -> onThisDatabase(run, database))
                .filter(run -> run.getStatus().getPhase() != null && !run.getStatus().getPhase().isTerminal())
                .map(run -> run.getStatus().getSourceVolume()).filter(Objects::nonNull).forEach(needed::add);
        return needed;
    }

    /** A run on this database that may switch it (not a dry run; a run without a spec or status may not). */
    private static boolean onThisDatabase(EvolveRun run, String database) {
        return run.getStatus() != null && run.getSpec() != null && !Boolean.TRUE.equals(run.getSpec().getDryRun())
                && database.equals(run.getStatus().getDatabase());
    }

    /** Another run on the database is past Pending and unfinished: never a second switch while it is. */
    private static boolean rivalUnfinished(EvolveRun run, List<EvolveRun> mine) {
        return mine.stream().filter(other -> !other.getMetadata().getName().equals(run.getMetadata().getName()))
                .map(other -> other.getStatus().getPhase())
                .anyMatch(phase -> phase != null && phase != EvolvePhase.Pending && !phase.isTerminal());
    }

    /**
     * A request made before the volume was retired is stale (a rollback already served it and a later switch
     * retired it again): honouring it would flip back and forth.
     */
    static boolean requestedAfterRetirement(String requestedAt, String retiredAt) {
        if (requestedAt == null || retiredAt == null) {
            return true;
        }
        return !Instant.parse(requestedAt).isBefore(Instant.parse(retiredAt).minusSeconds(1));
    }

    /** Serve {@code target}: the active volume goes to the front of previousVolumes (unless switching back). */
    public static void apply(ZeoDatabaseStatus status, Target target, Instant now) {
        List<PreviousVolume> previous = new ArrayList<>();
        if (!target.back()) {
            PreviousVolume retired = new PreviousVolume();
            retired.setName(status.getActiveVolume());
            retired.setRetiredAt(now.toString());
            retired.setReason(target.reason());
            retired.setGenerations(new TreeMap<>(status.getGenerations()));
            previous.add(retired);
        }
        status.getPreviousVolumes().stream().filter(p -> !Objects.equals(p.getName(), target.volume()))
                .forEach(previous::add);
        status.setPreviousVolumes(previous);
        status.setActiveVolume(target.volume());
        status.setGenerations(new TreeMap<>(target.generations()));
    }

    private static Optional<PreviousVolume> previous(ZeoDatabaseStatus status, String volume) {
        return status.getPreviousVolumes().stream().filter(p -> volume.equals(p.getName())).findFirst();
    }
}
