package org.karlproject.operator.evolve;

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
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Step 0: resolve the site, its database and the target release; record where the run starts from and
 * where it goes; finish at once when there is nothing to evolve; otherwise wait for the database to be
 * free (one run at a time) and for a slot under the operator-wide limit, then go on to the base snapshot.
 */
final class PendingHandler implements PhaseHandler {

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
        Optional<Step> taken = Ownership.taken(ctx);
        if (taken.isPresent()) {
            return taken.get(); // before anything is read-only, and before anything is created
        }
        Optional<EvolveRun> ahead = ahead(ctx);
        if (ahead.isPresent()) {
            return Step.waiting("WaitingForDatabase", "EvolveRun " + ahead.get().getMetadata().getName()
                    + " holds ZeoDatabase " + status.getDatabase() + "; this run starts when it has finished");
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
     * The run this one waits for: another non-terminal run of the same database that is past Pending, or
     * failing that, the first Pending one in (creationTimestamp, name) order if it comes before this one.
     */
    static Optional<EvolveRun> ahead(EvolveContext ctx) {
        String database = ctx.status().getDatabase();
        List<EvolveRun> rivals = ctx.world().runs().stream()
                .filter(r -> !r.getMetadata().getName().equals(ctx.name()))
                .filter(r -> r.getStatus() != null && database.equals(r.getStatus().getDatabase()))
                .filter(r -> r.getStatus().getPhase() == null || !r.getStatus().getPhase().isTerminal())
                .toList();
        Optional<EvolveRun> active = rivals.stream()
                .filter(r -> r.getStatus().getPhase() != null && r.getStatus().getPhase() != EvolvePhase.Pending)
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
