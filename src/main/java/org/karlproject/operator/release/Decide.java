package org.karlproject.operator.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.status.Health;

/**
 * The decide steps of a ReleaseIndex (pure): from an {@link Observed} snapshot and a copy of the status, the
 * status to record, the verdict, the plan (the frozen copy, once) and what the registry serves with that
 * verdict ({@link Publication}). See {@code package-info} for the steps.
 */
final class Decide {

    /** Waiting for a parent is event-driven; the periodic look is only a backstop. */
    static final Duration WAIT_BACKSTOP = Duration.ofSeconds(30);

    private Decide() {
    }

    /** What the registry serves with a verdict: the release published, withdrawn, or left as it is. */
    record Publication(Action action, EffectiveRelease release) {
        enum Action { PUBLISH, WITHDRAW, LEAVE }

        static final Publication WITHDRAW = new Publication(Action.WITHDRAW, null);
        static final Publication LEAVE = new Publication(Action.LEAVE, null);

        static Publication publish(EffectiveRelease release) {
            return new Publication(Action.PUBLISH, release);
        }

        void carryOut(ReleaseRegistry registry, ReleaseIndex index) {
            switch (action) {
                case PUBLISH -> registry.publish(release);
                case WITHDRAW -> registry.withdraw(index.getMetadata().getNamespace(), index.getMetadata().getName());
                case LEAVE -> {
                }
            }
        }
    }

    /**
     * A decision, and what the registry serves with it. The reconciler carries the publication out (in memory,
     * no API request) just before the verdict is recorded: whoever sees the release Ready finds its index
     * served, and a release is no longer served once a verdict that withdraws it is visible.
     */
    record Verdict(Decision<ReleaseIndexStatus> decision, Publication publication) {
    }

    /** Who uses the release, recomputed on every reconcile (never carried over from the last status). */
    static void users(Observed o, ReleaseIndexStatus status) {
        status.setUsedBy(o.usedBy());
        status.setBasedOnBy(o.basedOnBy());
    }

    /**
     * Step 1, before validation: the users ({@link #users}); a spec changed after acceptance is Stalled
     * {@code SpecChanged} whatever else is wrong with it, and the accepted content is still served.
     */
    static Optional<Verdict> specChanged(Observed o, ReleaseIndexStatus status) {
        users(o, status);
        String accepted = status.getSpecDigest();
        if (accepted == null || accepted.equals(SpecDigest.of(o.release().getSpec()))) {
            return Optional.empty();
        }
        Publication served = o.acceptedSpec(o.release()).flatMap(spec -> resolve(o, spec))
                .map(Publication::publish).orElse(Publication.LEAVE);
        return Optional.of(new Verdict(Decision.of(status, Health.stalled("SpecChanged", "spec changed after the "
                + "release was accepted (accepted spec sha256 " + accepted + "); a ReleaseIndex is immutable: restore "
                + "the accepted spec, or create a new ReleaseIndex for a new release. The accepted content is still "
                + "served.")), served));
    }

    /** Steps 3 and 4 (a valid spec): resolve the basedOn chain; once it resolves, freeze, publish, record. */
    static Verdict decide(Observed o, ReleaseIndexStatus status) {
        EffectiveRelease.Resolution resolution = EffectiveRelease.resolve(o.namespace(), o.name(),
                o.release().getSpec(), o::parentOf);
        if (!resolution.ok()) {
            Health health = unresolved(o, resolution.problem());
            Decision<ReleaseIndexStatus> decision = Decision.of(status, health);
            return new Verdict(health.state() == Health.State.PROGRESSING ? decision.recheckAfter(WAIT_BACKSTOP)
                    : decision, Publication.WITHDRAW);
        }
        EffectiveRelease effective = resolution.release();
        if (!o.isFrozen()) {
            // the frozen copy first, then the acceptance: a status that names an accepted digest always has its
            // copy. In passing: the skeleton creates the copy (through the cache) and decides again, so Ready
            // is the one status written; if the create fails, this Reconciling verdict is what is recorded.
            Health freezing = Health.progressing("Accepting", "freezing the accepted spec into ConfigMap "
                    + AcceptedReleases.configMapName(o.name()));
            return new Verdict(Decision.of(status, freezing).withPlan(Plan.none().create(AcceptedReleases.of(o.release())))
                    .inPassing(), Publication.LEAVE);
        }
        status.setSpecDigest(SpecDigest.of(o.release().getSpec()));
        status.setPackageCount(effective.packages().size());
        status.setGenerations(new TreeMap<>(effective.generations()));
        status.setChain(effective.chain());
        status.setIndexPath(ReleaseIndexEndpoint.simplePath(o.namespace(), o.name()));
        Health published = Health.ready("Published", effective.packages().size() + " pinned packages served at "
                + status.getIndexPath());
        return new Verdict(Decision.of(status, published), Publication.publish(effective));
    }

    /** Why the chain does not resolve: waiting for a parent, or Stalled on a cycle or a conflict. */
    private static Health unresolved(Observed o, EffectiveRelease.Problem problem) {
        if (problem.kind() == EffectiveRelease.Problem.Kind.PARENT_NOT_READY) {
            // a release on a cycle is never accepted: without this look, each would wait for the next forever
            Optional<String> cycle = ChainCycle.of(o.name(), List.copyOf(o.releases().values()));
            if (cycle.isPresent()) {
                return Health.stalled("BasedOnCycle", "spec.basedOn: " + cycle.get());
            }
        }
        return switch (problem.kind()) {
            case PARENT_MISSING, PARENT_NOT_READY -> Health.progressing("WaitingForParent", problem.message());
            case CYCLE -> Health.stalled("BasedOnCycle", problem.field() + ": " + problem.message());
            case CONFLICT -> Health.stalled("PackageConflict", problem.field() + ": " + problem.message());
        };
    }

    private static Optional<EffectiveRelease> resolve(Observed o, ReleaseIndexSpec spec) {
        EffectiveRelease.Resolution resolution = EffectiveRelease.resolve(o.namespace(), o.name(), spec, o::parentOf);
        return resolution.ok() ? Optional.of(resolution.release()) : Optional.empty();
    }

    /**
     * On deletion: the users ({@link #users}); while any, the deletion waits ({@code DeletionBlocked}, the
     * verdict to record); empty once the release may go.
     */
    static Optional<Health> deletionBlocked(Observed o, ReleaseIndexStatus status) {
        users(o, status);
        if (status.getUsedBy().isEmpty() && status.getBasedOnBy().isEmpty()) {
            return Optional.empty();
        }
        List<String> users = new ArrayList<>();
        if (!status.getUsedBy().isEmpty()) {
            users.add("KarlSite(s) " + String.join(", ", status.getUsedBy()));
        }
        if (!status.getBasedOnBy().isEmpty()) {
            users.add("ReleaseIndex(es) based on it " + String.join(", ", status.getBasedOnBy()));
        }
        return Optional.of(Health.progressing("DeletionBlocked", "still used by " + String.join(" and ", users)
                + "; it is deleted once no site runs it or keeps it for rollback (move the sites to another release, "
                + "or lower their rollout.keepReleases) and no accepted release is based on it (delete those first)"));
    }
}
