package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.database.SnapshotLimit;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Conditions;

/**
 * Step 0: resolve the site, its database and the target release; record where the run starts from and
 * where it goes; finish at once when there is nothing to evolve; otherwise wait for the database to be
 * free (one run at a time) and for a slot under the operator-wide limit, then go on to the base snapshot.
 */
final class PendingHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {
    /** A manual run waits: its site has no rollout to the run's release under way. */
    static final String NO_ROLLOUT = "NoRolloutToRelease";
    /** The database has no generations yet: the run waits rather than conclude anything from their absence. */
    static final String UNINITIALISED = "DatabaseUninitialised";

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        EvolveRun run = ctx.run();
        Optional<KarlSite> site = ctx.world().site(run.getSpec().getSite());
        if (site.isEmpty()) {
            return Steps.waiting("SiteMissing", "KarlSite " + run.getSpec().getSite() + " (spec.site) does not exist");
        }
        status.setDatabase(site.get().getSpec().getDatabase());
        Optional<ZeoDatabase> database = ctx.database();
        Optional<ReleaseIndex> release = ctx.world().release(run.getSpec().getRelease());
        Optional<Step<EvolvePhase>> unready = unready(ctx, database, release);
        if (unready.isPresent()) {
            return unready.get();
        }
        Map<String, Long> from = new TreeMap<>(database.get().getStatus().getGenerations());
        Map<String, Long> to = new TreeMap<>(release.get().getStatus().getGenerations());
        status.setFromGenerations(from);
        status.setToGenerations(to);
        status.setFrom(Generations.text(from));
        status.setTo(Generations.text(to));
        if (!Generations.behind(from, to)) {
            return Steps.succeed("NothingToEvolve", "ZeoDatabase " + status.getDatabase() + " is at "
                    + status.getFrom() + ", already at or past the target " + status.getTo()
                    + "; no snapshot, no read-only window");
        }
        return admit(ctx, site.get(), database.get());
    }

    /**
     * Waits while the run's snapshots (base and final; a dry run takes the base only) would not fit under the
     * database's {@code spec.snapshots.limit}, as its {@code status.snapshotCount} says: a run that started
     * would stop half way, read-only, for want of its final snapshot. Nothing is deleted to make room.
     */
    private static Optional<Step<EvolvePhase>> snapshotRoom(EvolveContext ctx, ZeoDatabase database) {
        Integer count = database.getStatus() == null ? null : database.getStatus().getSnapshotCount();
        int needed = ctx.dryRun() ? 1 : 2;
        int limit = SnapshotLimit.limit(database);
        if (count == null || SnapshotLimit.fits(count, limit, needed)) {
            return Optional.empty();
        }
        return Optional.of(Steps.waiting(SnapshotLimit.REASON, "ZeoDatabase " + database.getMetadata().getName()
                + " has " + count + " VolumeSnapshots of spec.snapshots.limit=" + limit + "; this run needs " + needed
                + " more: it starts once snapshots are pruned or deleted, or the limit is raised"));
    }

    /** Why the run cannot start yet: its database or release is missing or not Ready. */
    private static Optional<Step<EvolvePhase>> unready(EvolveContext ctx, Optional<ZeoDatabase> database,
            Optional<ReleaseIndex> release) {
        String db = ctx.status().getDatabase();
        String rel = ctx.run().getSpec().getRelease();
        if (database.isEmpty()) {
            return Optional.of(Steps.waiting("DatabaseMissing", "ZeoDatabase " + db + " (the database of KarlSite "
                    + ctx.run().getSpec().getSite() + ") does not exist"));
        }
        Optional<Step<EvolvePhase>> room = snapshotRoom(ctx, database.get());
        if (room.isPresent()) {
            return room;
        }
        if (database.get().getStatus() == null || database.get().getStatus().getActiveVolume() == null
                || !Conditions.isTrue(database.get().getStatus().getConditions(), Conditions.READY)) {
            return Optional.of(Steps.waiting("DatabaseNotReady", "waiting for ZeoDatabase " + db + " to be Ready"));
        }
        if (Generations.uninitialised(database.get().getStatus().getGenerations())) {
            // Not "nothing to evolve": a run sees the database through a cache that may not hold the
            // generations just recorded, and a site creates a run only for a database it saw behind.
            return Optional.of(Steps.waiting(UNINITIALISED, "ZeoDatabase " + db + " has recorded no generations yet "
                    + "(no release has served it): the first release to serve it initialises it at that release's "
                    + "generations; this run starts once the database records them"));
        }
        if (release.isEmpty()) {
            return Optional.of(Steps.waiting("ReleaseMissing", "ReleaseIndex " + rel + " (spec.release) does not exist"));
        }
        if (release.get().getStatus() == null
                || !Conditions.isTrue(release.get().getStatus().getConditions(), Conditions.READY)) {
            return Optional.of(Steps.waiting("ReleaseNotReady", "waiting for ReleaseIndex " + rel + " to be Ready"));
        }
        return Optional.empty();
    }

    /**
     * The admission of a run with something to evolve, in order: its site rolls out to its release (or it is
     * exempt), none of its child names is taken, no run of the same database goes first, it holds the
     * database's claim, and it has a slot; then it records what it will reindex and the live volume, and starts.
     */
    private static Step<EvolvePhase> admit(EvolveContext ctx, KarlSite site, ZeoDatabase database) {
        return noRollout(ctx, site)
                .or(() -> Ownership.taken(ctx)) // before anything is read-only, and before anything is created
                .or(() -> runAhead(ctx))
                .or(() -> claim(ctx))
                .or(() -> slot(ctx))
                .orElseGet(() -> start(ctx, database));
    }

    /** Another run of the same database goes first (a claim holder waits for no one). */
    private static Optional<Step<EvolvePhase>> runAhead(EvolveContext ctx) {
        String database = ctx.status().getDatabase();
        boolean claimed = ctx.world().claim(database).filter(c -> AdmissionClaim.heldBy(c, ctx.run())).isPresent();
        return (claimed ? Optional.<EvolveRun>empty() : ahead(ctx)).map(ahead -> Steps.waiting("WaitingForDatabase",
                "EvolveRun " + ahead.getMetadata().getName() + " holds ZeoDatabase " + database
                        + "; this run starts when it has finished"));
    }

    /** The operator-wide limit on runs past Pending ({@link EvolveSlots}). */
    private static Optional<Step<EvolvePhase>> slot(EvolveContext ctx) {
        if (ctx.slots().admit(ctx.run(), ctx.world().allRuns(), ctx.now())) {
            return Optional.empty();
        }
        return Optional.of(Steps.waiting(EvolveSlots.WAITING, "at most " + ctx.slots().limit() + " evolve runs at a "
                + "time (karl.evolve.max-concurrent); this run starts when one of them finishes")
                .recheckAfter(ctx.settings().recheck()));
    }

    /** Admitted: what the Job will reindex and the volume both snapshots are taken of; on to the base snapshot. */
    private static Step<EvolvePhase> start(EvolveContext ctx, ZeoDatabase database) {
        EvolveRunStatus status = ctx.status();
        status.setReindex(ReindexPlan.of(status.getFromGenerations(), status.getToGenerations(), ctx.world().releases()
                .stream().map(ReleaseIndex::getSpec).filter(java.util.Objects::nonNull).toList()));
        status.setSourceVolume(database.getStatus().getActiveVolume());
        return Steps.advance(EvolvePhase.BaseSnapshot, "evolving ZeoDatabase " + status.getDatabase() + " from "
                + status.getFrom() + " to " + status.getTo() + " (release " + ctx.run().getSpec().getRelease() + ")");
    }

    /**
     * A manual run (not the site's own, not a dry run) evolves only while its site rolls out to that release
     * and waits for the evolve (phase Evolving, targetRelease the run's release): otherwise the database
     * would reach generations that the release serving the site does not expect (invariant 1).
     */
    private static Optional<Step<EvolvePhase>> noRollout(EvolveContext ctx, KarlSite site) {
        EvolveRun run = ctx.run();
        if (ctx.dryRun() || Labels.siteGeneration(run) != null) {
            return Optional.empty();
        }
        var s = site.getStatus();
        String target = s == null ? null : s.getTargetRelease();
        if (s != null && s.getPhase() == RolloutPhase.Evolving && run.getSpec().getRelease().equals(target)) {
            return Optional.empty();
        }
        return Optional.of(Steps.waiting(NO_ROLLOUT, "KarlSite " + site.getMetadata().getName() + " has no rollout to "
                + run.getSpec().getRelease() + " under way (its target is " + (target == null ? "none" : target)
                + ", phase " + (s == null || s.getPhase() == null ? "none" : s.getPhase()) + "): evolving now would "
                + "leave code and data apart. Set the site's spec.release to " + run.getSpec().getRelease()
                + " (this run starts when the site waits for the evolve), or make this a dry run (spec.dryRun: true)"));
    }

    /**
     * The atomic admission ({@link AdmissionClaim}): empty when this run holds the database's claim; otherwise
     * why it waits. Without a claim the run asks for one (a create, which the API server lets only one run
     * win) and waits; the next pass sees the claim it won in the cache and goes on, or sees the winner's.
     * A stale claim (its run is gone or finished) is released (only as seen), and the run looks again. A
     * ConfigMap of the claim's name that is no claim fails the run.
     */
    private static Optional<Step<EvolvePhase>> claim(EvolveContext ctx) {
        String database = ctx.status().getDatabase();
        Optional<ConfigMap> claim = ctx.world().claim(database);
        if (claim.isEmpty()) {
            return Optional.of(Steps.waiting("WaitingForDatabase", "claiming ZeoDatabase " + database + " (ConfigMap "
                    + AdmissionClaim.name(database) + "); if another EvolveRun claimed it first, this run starts when "
                    + "that one has finished").recheckAfter(ctx.settings().recheck())
                    .with(Plan.none().create(AdmissionClaim.of(ctx.run(), database))));
        }
        if (!AdmissionClaim.isClaim(claim.get())) {
            return Optional.of(Ownership.nameTaken(ctx, claim.get()));
        }
        if (AdmissionClaim.heldBy(claim.get(), ctx.run())) {
            return Optional.empty();
        }
        String holder = AdmissionClaim.holderUid(claim.get());
        Optional<EvolveRun> holding = ctx.world().runs().stream()
                .filter(r -> holder.equals(r.getMetadata().getUid())).findFirst();
        if (holding.isPresent() && !terminal(holding.get())) {
            return Optional.of(Steps.waiting("WaitingForDatabase", "EvolveRun " + holding.get().getMetadata().getName()
                    + " holds ZeoDatabase " + database + " (ConfigMap " + claim.get().getMetadata().getName()
                    + "); this run starts when it has finished"));
        }
        return Optional.of(Steps.waiting("WaitingForDatabase", "released the claim on ZeoDatabase " + database
                + " of EvolveRun " + AdmissionClaim.holderName(claim.get()) + ", which has finished or is gone")
                .recheckAfter(ctx.settings().recheck()).with(Plan.none().delete(claim.get())));
    }

    private static boolean terminal(EvolveRun run) {
        return run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isTerminal();
    }

    /**
     * The database a rival run is on: worked out from its spec (spec.site, that site's spec.database) while
     * it is Pending, since a run created a moment ago has no status yet; the one it recorded once past Pending.
     */
    private static String databaseOf(EvolveContext ctx, EvolveRun run) {
        boolean started = run.getStatus() != null && run.getStatus().getPhase() != null
                && run.getStatus().getPhase() != EvolvePhase.Pending && run.getStatus().getDatabase() != null;
        if (started || run.getSpec() == null || run.getSpec().getSite() == null) {
            return run.getStatus() == null ? null : run.getStatus().getDatabase();
        }
        return ctx.world().site(run.getSpec().getSite()).map(KarlSite::getSpec).map(s -> s.getDatabase())
                .orElse(run.getStatus() == null ? null : run.getStatus().getDatabase());
    }

    /**
     * The run this one waits for: another non-terminal run of the same database that is past Pending, or
     * failing that, the first Pending one in (creationTimestamp, name) order if it comes before this one.
     * The admission itself is the claim; this only keeps the order fair.
     */
    static Optional<EvolveRun> ahead(EvolveContext ctx) {
        String database = ctx.status().getDatabase();
        List<EvolveRun> rivals = ctx.world().runs().stream()
                .filter(r -> !r.getMetadata().getName().equals(ctx.name()))
                .filter(r -> database.equals(databaseOf(ctx, r)))
                .filter(r -> !terminal(r))
                .toList();
        Optional<EvolveRun> active = rivals.stream()
                .filter(r -> r.getStatus() != null && r.getStatus().getPhase() != null
                        && r.getStatus().getPhase() != EvolvePhase.Pending)
                .findFirst();
        if (active.isPresent()) {
            return active;
        }
        Comparator<EvolveRun> order = Comparator
                .comparing((EvolveRun r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
                .thenComparing(r -> r.getMetadata().getName());
        return rivals.stream().filter(r -> order.compare(r, ctx.run()) < 0).min(order);
    }
}
