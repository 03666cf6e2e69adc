package org.karlproject.operator.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.PreviousVolume;

/**
 * The one comparison of a database's evolve generations (per evolve manager) with those a release's code
 * expects; the site, the evolve run and the database all read it from here.
 *
 * <p><b>A database without generations</b> ({@code null} or empty) has not been served by any release
 * yet: a new database, or one cloned or restored from data whose age no one recorded. The first release
 * to serve it initialises it (KARL creates its root objects at that release's generations, which the
 * ZeoDatabase then records as its own), so such a database is <em>never behind</em> and never ahead:
 * a site starts no evolve for it. An EvolveRun that sees such a database waits ({@code DatabaseUninitialised})
 * instead of concluding anything: the absence may be a cache that has not yet seen generations just
 * recorded, and a site creates a run only for a database it saw behind. A manager
 * the release has and a database with generations lacks counts as generation 0 (behind).
 */
public final class Generations {

    private Generations() {
    }

    /** Whether the database has no generations yet (see the class comment). */
    public static boolean uninitialised(Map<String, Long> database) {
        return database == null || database.isEmpty();
    }

    /**
     * The database must be evolved for this release: some manager of the release is ahead of the database,
     * or missing from it. A database without generations is never behind.
     */
    public static boolean behind(Map<String, Long> database, Map<String, Long> release) {
        if (uninitialised(database) || release == null) {
            return false;
        }
        return release.entrySet().stream().anyMatch(e -> database.getOrDefault(e.getKey(), 0L) < e.getValue());
    }

    /** The database was evolved past this release: some manager of the database is ahead of it. */
    public static boolean ahead(Map<String, Long> database, Map<String, Long> release) {
        if (uninitialised(database) || release == null) {
            return false;
        }
        return release.entrySet().stream()
                .anyMatch(e -> database.containsKey(e.getKey()) && database.get(e.getKey()) > e.getValue());
    }

    /** Whether data at {@code database} is exactly what code at {@code release} expects (neither behind nor ahead). */
    public static boolean matches(Map<String, Long> database, Map<String, Long> release) {
        return !behind(database, release) && !ahead(database, release);
    }

    /** The newest retained volume whose data is exactly at this release's generations (one with generations). */
    public static Optional<PreviousVolume> restoreVolume(List<PreviousVolume> previous, Map<String, Long> release) {
        if (previous == null || release == null) {
            return Optional.empty();
        }
        return previous.stream()
                .filter(v -> !uninitialised(v.getGenerations()))
                .filter(v -> matches(v.getGenerations(), release))
                .findFirst();
    }

    /** {@code karl=29,acme=5}, sorted by manager: the evolve Job's environment format. */
    public static String format(Map<String, Long> generations) {
        return new TreeMap<>(generations).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** {@code karl=29 acme=5}, for kubectl get; "none" when empty. */
    public static String text(Map<String, Long> generations) {
        return generations == null || generations.isEmpty() ? "none" : format(generations).replace(',', ' ');
    }
}
