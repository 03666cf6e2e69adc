package org.karlproject.operator.site;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.k8s.LeanStore;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.reconcile.Skeleton;
import org.karlproject.operator.site.rollout.Rollout;
import org.karlproject.operator.site.rollout.SiteView;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * Rolls out a KarlSite's releases on the one reconcile skeleton ({@link Skeleton}); see {@code package-info}
 * for the steps. Its decide step observes (caches only, {@link SiteObserver}), decides (the pure rollout,
 * {@link Rollout}) and plans the writes to children ({@link SiteActions}, and the steps' own intents); the
 * skeleton records the status, then carries the plan out.
 */
@ControllerConfiguration(name = "karlsite", informer = @Informer(itemStore = LeanStore.class))
public class KarlSiteReconciler implements Reconciler<KarlSite> {

    /** How soon a rollout that waits on a deadline looks again even without an event. */
    private static final Duration POLL = Duration.ofSeconds(30);

    private final Clock clock;

    @Inject
    public KarlSiteReconciler() {
        this(Clock.systemUTC());
    }

    public KarlSiteReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, KarlSite>> prepareEventSources(EventSourceContext<KarlSite> context) {
        return SiteCaches.eventSources(context);
    }

    @Override
    public UpdateControl<KarlSite> reconcile(KarlSite site, Context<KarlSite> context) {
        return Skeleton.reconcile(site, context, clock, KarlSiteStatus::new, this::decide);
    }

    /** Observe, decide, plan: the status to record, its verdict, the phases passed through, the writes. */
    private Decision<KarlSiteStatus> decide(KarlSite stored, KarlSiteStatus next, Context<KarlSite> context) {
        KarlSite site = TrainTarget.follow(stored, context, next); // a train's target replaces spec.release
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SiteObserver.Observation observation = SiteObserver.observe(site, next, new SiteCaches(context, site), now);
        SiteView view = observation.view();
        Rollout.Decision decision = Rollout.decide(view, next);
        next.setMode(view.effectiveMode());
        next.setRollback(RollbackOptions.of(next.getReleases(), view.database(), view.releases().keptGenerations()));
        SiteActions.Planned planned = SiteActions.plan(site, view, observation.wanted(), observation.children(),
                observation.routes(), next);
        // a host name another site has: nothing changes until one of the two specs does (looked at again on POLL)
        Health health = planned.routing().filter(h -> decision.health().state() != Health.State.STALLED)
                .orElse(decision.health());
        Optional<Duration> later = planned.routing().isPresent() ? Optional.of(POLL) : planned.later();
        Decision<KarlSiteStatus> decided = new Decision<>(next, health, passedThrough(decision, next),
                planned.plan().and(decision.plan()), recheck(next, later, now));
        // Switching ends with this pass's own write of the stable Service's selector: the status goes from the
        // smoke check straight to what follows the switch (the event tells that it passed through Switching)
        return decision.phase() == RolloutPhase.Switching && planned.routing().isEmpty() ? decided.inPassing() : decided;
    }

    /** An event for each phase the rollout passed through in this decision (not the one it ends in). */
    private static List<Events.Note> passedThrough(Rollout.Decision decision, KarlSiteStatus next) {
        List<Events.Note> notes = new ArrayList<>();
        List<RolloutPhase> path = decision.path();
        for (int i = 1; i < path.size() - 1; i++) {
            RolloutPhase phase = path.get(i);
            notes.add(Events.Note.normal(phase.name(), "rollout of " + next.getTargetRelease() + " passed through "
                    + phase));
        }
        return notes;
    }

    /** Deadlines and the scale-down delay have no event of their own: look again when they fall due. */
    private static Optional<Duration> recheck(KarlSiteStatus next, Optional<Duration> later, Instant now) {
        if (next.getPhase().isTerminal()) {
            return later;
        }
        Duration toDeadline = next.getProgressDeadline() == null ? POLL
                : Duration.between(now, Instant.parse(next.getProgressDeadline())).plusSeconds(1);
        Duration poll = toDeadline.isNegative() || toDeadline.compareTo(POLL) > 0 ? POLL : toDeadline;
        return Optional.of(later.filter(w -> w.compareTo(poll) < 0).orElse(poll));
    }
}
