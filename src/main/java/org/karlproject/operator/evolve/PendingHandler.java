package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Step 0: resolve the site, its database and the target release; record where the run starts from and
 * where it goes; finish at once when there is nothing to evolve; otherwise wait for the database to be
 * free (one run at a time) and for a slot under the operator-wide limit, then go on to the base snapshot.
 */
final class PendingHandler implements PhaseHandler {
    /** A manual run waits: its site has no rollout to the run's release under way. */
    static final String NO_ROLLOUT = "NoRolloutToRelease";

    @Override
    public Step handle(EvolveContext ctx) {
        EvolveRun run = ctx.run();
        EvolveRunStatus status = ctx.status();
        List<Violation> violations = Validator.shared().validate(run);
        if (!violations.isEmpty()) {
            return Step.stalled("InvalidSpec",
                    violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        Optional<KarlSite> site = ctx.world().site(run.getSpec().getSite());
        if (site.isEmpty()) {
            return Step.waiting("SiteMissing", "KarlSite " + run.getSpec().getSite() + " (spec.site) does not exist");
        }
        status.setDatabase(site.get().getSpec().getDatabase());
        Optional<ZeoDatabase> database = ctx.database();
        if (database.isEmpty()) {
            return Step.waiting("DatabaseMissing", "ZeoDatabase " + status.getDatabase() + " (the database of KarlSite "
                    + run.getSpec().getSite() + ") does not exist");
        }
        if (database.get().getStatus() == null || database.get().getStatus().getActiveVolume() == null
                || !Conditions.isTrue(database.get().getStatus().getConditions(), Conditions.READY)) {
            return Step.waiting("DatabaseNotReady", "waiting for ZeoDatabase " + status.getDatabase() + " to be Ready");
        }
        Optional<ReleaseIndex> release = ctx.world().release(run.getSpec().getRelease());
        if (release.isEmpty()) {
            return Step.waiting("ReleaseMissing", "ReleaseIndex " + run.getSpec().getRelease()
                    + " (spec.release) does not exist");
        }
        if (release.get().getStatus() == null
                || !Conditions.isTrue(release.get().getStatus().getConditions(), Conditions.READY)) {
            return Step.waiting("ReleaseNotReady", "waiting for ReleaseIndex " + run.getSpec().getRelease()
                    + " to be Ready");
        }
        Map<String, Long> from = new TreeMap<>(database.get().getStatus().getGenerations());
        Map<String, Long> to = new TreeMap<>(release.get().getStatus().getGenerations());
        status.setFromGenerations(from);
        status.setToGenerations(to);
        status.setFrom(Generations.text(from));
        status.setTo(Generations.text(to));
        if (!Generations.behind(from, to)) {
            return Step.succeed("NothingToEvolve", "ZeoDatabase " + status.getDatabase() + " is at " + status.getFrom()
                    + ", already at or past the target " + status.getTo() + "; no snapshot, no read-only window");
        }
        Optional<Step> apart = noRollout(ctx, site.get());
        if (apart.isPresent()) {
            return apart.get();
        }
        Optional<Step> taken = Ownership.taken(ctx);
        if (taken.isPresent()) {
            return taken.get(); // before anything is read-only, and before anything is created
        }
        boolean claimed = ctx.world().claim(status.getDatabase()).filter(c -> AdmissionClaim.heldBy(c, run)).isPresent();
        Optional<EvolveRun> ahead = claimed ? Optional.empty() : ahead(ctx); // a claim holder waits for no one
        if (ahead.isPresent()) {
            return Step.waiting("WaitingForDatabase", "EvolveRun " + ahead.get().getMetadata().getName()
                    + " holds ZeoDatabase " + status.getDatabase() + "; this run starts when it has finished");
        }
        Optional<Step> unclaimed = claim(ctx);
        if (unclaimed.isPresent()) {
            return unclaimed.get();
        }
        if (!ctx.slots().admit(run, ctx.world().allRuns(), ctx.now())) {
            return Step.waiting(EvolveSlots.WAITING, "at most " + ctx.slots().limit() + " evolve runs at a time "
                    + "(karl.evolve.max-concurrent); this run starts when one of them finishes")
                    .recheckAfter(ctx.settings().recheck());
        }
        status.setReindex(ReindexPlan.of(from, to, ctx.world().releases().stream().map(ReleaseIndex::getSpec)
                .filter(java.util.Objects::nonNull).toList()));
        status.setSourceVolume(database.get().getStatus().getActiveVolume());
        return Step.advance(EvolvePhase.BaseSnapshot, "evolving ZeoDatabase " + status.getDatabase() + " from "
                + status.getFrom() + " to " + status.getTo() + " (release " + run.getSpec().getRelease() + ")");
    }

    /**
     * A manual run (not the site's own, not a dry run) evolves only while its site rolls out to that release
     * and waits for the evolve (phase Evolving, targetRelease the run's release): otherwise the database
     * would reach generations that the release serving the site does not expect (invariant 1).
     */
    private static Optional<Step> noRollout(EvolveContext ctx, KarlSite site) {
        EvolveRun run = ctx.run();
        if (ctx.dryRun() || Labels.siteGeneration(run) != null) {
            return Optional.empty();
        }
        var s = site.getStatus();
        String target = s == null ? null : s.getTargetRelease();
        if (s != null && s.getPhase() == RolloutPhase.Evolving && run.getSpec().getRelease().equals(target)) {
            return Optional.empty();
        }
        return Optional.of(Step.waiting(NO_ROLLOUT, "KarlSite " + site.getMetadata().getName() + " has no rollout to "
                + run.getSpec().getRelease() + " under way (its target is " + (target == null ? "none" : target)
                + ", phase " + (s == null || s.getPhase() == null ? "none" : s.getPhase()) + "): evolving now would "
                + "leave code and data apart. Set the site's spec.release to " + run.getSpec().getRelease()
                + " (this run starts when the site waits for the evolve), or make this a dry run (spec.dryRun: true)"));
    }

    /**
     * The atomic admission ({@link AdmissionClaim}): empty when this run holds the database's claim (it
     * did, or it has just created it); otherwise why it waits. A stale claim (its run is gone or finished) is
     * released, and the run looks again. A ConfigMap of the claim's name that is no claim fails the run.
     */
    private static Optional<Step> claim(EvolveContext ctx) {
        String database = ctx.status().getDatabase();
        Optional<ConfigMap> claim = ctx.world().claim(database);
        if (claim.isPresent()) {
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
                return Optional.of(Step.waiting("WaitingForDatabase", "EvolveRun "
                        + holding.get().getMetadata().getName() + " holds ZeoDatabase " + database
                        + " (ConfigMap " + claim.get().getMetadata().getName() + "); this run starts when it has finished"));
            }
            ctx.actions().release(claim.get());
            return Optional.of(Step.waiting("WaitingForDatabase", "released the claim on ZeoDatabase " + database
                    + " of EvolveRun " + AdmissionClaim.holderName(claim.get()) + ", which has finished or is gone")
                    .recheckAfter(ctx.settings().recheck()));
        }
        if (ctx.actions().claim(AdmissionClaim.of(ctx.run(), database))) {
            return Optional.empty();
        }
        return Optional.of(Step.waiting("WaitingForDatabase", "another EvolveRun claimed ZeoDatabase " + database
                + " first; this run starts when it has finished").recheckAfter(ctx.settings().recheck()));
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
