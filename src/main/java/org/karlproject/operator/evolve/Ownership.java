package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import java.util.stream.Stream;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.reconcile.Step;

/**
 * Invariant 3: a run uses only the children it made. A child is the run's when it carries the run's UID
 * ({@link Labels#OWNER_UID}); an object of the wanted name without it (a deleted run's leftover, the live
 * volume, someone else's) is foreign: the run fails with {@code NameTaken} and touches it in no way. Pure.
 */
final class Ownership {
    static final String NAME_TAKEN = "NameTaken";

    private Ownership() {
    }

    static boolean ours(EvolveContext ctx, HasMetadata child) {
        return Labels.madeBy(child, ctx.run());
    }

    /** The object if it exists and is the run's own; a foreign one is not returned. */
    static <R extends HasMetadata> Optional<R> own(EvolveContext ctx, Optional<R> object) {
        return object.filter(o -> ours(ctx, o));
    }

    /** The first of the run's child names that an object not made by the run holds, as a failure. */
    static Optional<Step<EvolvePhase>> taken(EvolveContext ctx) {
        String run = ctx.name();
        return Stream.of(ctx.world().snapshot(ChildNames.baseSnapshot(run)),
                        ctx.world().snapshot(ChildNames.finalSnapshot(run)),
                        ctx.world().volume(ChildNames.restoredVolume(run)),
                        ctx.world().job(ChildNames.job(run)),
                        ctx.world().job(ChildNames.verifyJob(run)),
                        ctx.world().job(ChildNames.lastTransactionJob(run)))
                .flatMap(Optional::stream).filter(o -> !ours(ctx, o)).findFirst().map(o -> nameTaken(ctx, o));
    }

    /** The failure for a foreign object where the run would create its child. */
    static Step<EvolvePhase> nameTaken(EvolveContext ctx, HasMetadata foreign) {
        String uid = Labels.ownerUid(foreign);
        return Steps.fail(NAME_TAKEN, foreign.getKind() + " " + foreign.getMetadata().getName()
                + " already exists and was not made by this run (" + Labels.OWNER_UID + ": "
                + (uid == null ? "none" : uid) + ", this run's UID: " + ctx.run().getMetadata().getUid()
                + "); the run left it untouched. Delete or rename that object if it is not needed, or create the "
                + "EvolveRun under another name");
    }
}
