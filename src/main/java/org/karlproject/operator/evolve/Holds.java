package org.karlproject.operator.evolve;

import org.karlproject.operator.api.database.HolderKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;

/**
 * The read-only hold of a run, as the contract between EvolveRun and ZeoDatabase states it: a run that is not
 * a dry run holds its database ({@code status.database}) read-only while its phase's
 * {@link EvolvePhase#holdsReadOnly()} is true: from EnteringReadOnly until traffic is on its release
 * (AwaitingTraffic included), and while it switches back. That method, in the API, is the one list of the
 * holding phases; {@link #holds} and {@link #HOLDING} only apply it, and every other reader (the ZeoDatabase's
 * holders, the KarlSite's effective mode) reads the same method, here or directly. The rest of this class is
 * the run's side of the contract: whether the database reports the hold it asked for.
 */
public final class Holds {
    public static final HolderKind HOLDER_KIND = HolderKind.EvolveRun;
    /** The phases that hold: those whose {@link EvolvePhase#holdsReadOnly()} says so. */
    public static final Set<EvolvePhase> HOLDING = java.util.Collections.unmodifiableSet(
            java.util.stream.Stream.of(EvolvePhase.values()).filter(EvolvePhase::holdsReadOnly)
                    .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(EvolvePhase.class))));

    private Holds() {
    }

    /** Whether {@code run} holds {@code database} read-only now. */
    public static boolean holds(EvolveRun run, String database) {
        return run.getStatus() != null && database.equals(run.getStatus().getDatabase())
                && run.getStatus().getPhase() != null && run.getStatus().getPhase().holdsReadOnly()
                && !(run.getSpec() != null && Boolean.TRUE.equals(run.getSpec().getDryRun()));
    }

    /** Whether the database says it runs read-only and lists {@code run} among its holders. */
    static boolean readOnlyHeldBy(ZeoDatabase database, String run) {
        ReadOnlyStatus readOnly = database.getStatus() == null ? null : database.getStatus().getReadOnly();
        return readOnly != null && Boolean.TRUE.equals(readOnly.getActive()) && listed(readOnly, run);
    }

    /** Whether the database still lists {@code run} as a holder. */
    static boolean listedAsHolder(ZeoDatabase database, String run) {
        return Optional.ofNullable(database.getStatus()).map(s -> s.getReadOnly()).map(r -> listed(r, run))
                .orElse(false);
    }

    private static boolean listed(ReadOnlyStatus readOnly, String run) {
        List<ReadOnlyHolder> holders = Optional.ofNullable(readOnly.getHolders()).orElse(List.of());
        return holders.stream().anyMatch(h -> HOLDER_KIND == h.getKind() && run.equals(h.getName()));
    }
}
