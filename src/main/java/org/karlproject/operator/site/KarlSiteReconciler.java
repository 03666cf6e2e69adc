package org.karlproject.operator.site;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.site.rollout.Generations;
import org.karlproject.operator.site.rollout.Rollout;
import org.karlproject.operator.site.rollout.SiteView;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;
import org.karlproject.operator.status.StatusWriter;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * Rolls out a KarlSite's releases; see {@code package-info} for the steps. Each reconcile observes (caches
 * only), decides (pure phase handlers), records the decision in status, then acts on what it recorded.
 */
@ControllerConfiguration(name = "karlsite")
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
        KubernetesSerialization json = context.getClient().getKubernetesSerialization();
        KarlSiteStatus observed = site.getStatus() == null ? new KarlSiteStatus()
                : json.unmarshal(json.asJson(site.getStatus()), KarlSiteStatus.class);
        KarlSiteStatus next = json.unmarshal(json.asJson(observed), KarlSiteStatus.class);
        List<Violation> violations = Validator.shared().validate(site);
        if (!violations.isEmpty()) {
            finish(site, next, Health.stalled("InvalidSpec", violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; "))), context);
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SiteCaches caches = new SiteCaches(context, site);
        SiteObserver.Observation observation = SiteObserver.observe(site, observed, caches, now);
        SiteView view = observation.view();

        Rollout.Decision decision = Rollout.decide(view, next);
        next.setMode(view.effectiveMode());
        next.setRollback(Generations.rollbackOptions(next.getReleases(), view.database(), view.keptGenerations()));
        KarlSite stored = finish(site, next, decision.step().health(), context);
        for (int i = 1; i < decision.path().size(); i++) {
            RolloutPhase phase = decision.path().get(i);
            if (i < decision.path().size() - 1) {
                Events.normal(context.getClient(), stored, phase.name(), "rollout of " + next.getTargetRelease()
                        + " passed through " + phase, clock);
            }
        }
        SiteActions actions = new SiteActions(stored, caches, context.getClient());
        Optional<Duration> later = actions.apply(view, observation.wanted(), next);
        if (actions.wrote()) { // our own writes wake no event (CachedWrites): look again at caches that hold them
            return UpdateControl.<KarlSite>noUpdate().rescheduleAfter(Duration.ZERO);
        }
        return reschedule(next, later, now);
    }

    private KarlSite finish(KarlSite site, KarlSiteStatus next, Health health, Context<KarlSite> context) {
        return StatusWriter.writeVerdict(site, next, health, context, clock);
    }

    /** Deadlines and the scale-down delay have no event of their own: look again when they fall due. */
    private static UpdateControl<KarlSite> reschedule(KarlSiteStatus next, Optional<Duration> later, Instant now) {
        Optional<Duration> wait = later;
        if (!next.getPhase().isTerminal()) {
            Duration toDeadline = next.getProgressDeadline() == null ? POLL
                    : Duration.between(now, Instant.parse(next.getProgressDeadline())).plusSeconds(1);
            Duration poll = toDeadline.isNegative() || toDeadline.compareTo(POLL) > 0 ? POLL : toDeadline;
            wait = Optional.of(wait.filter(w -> w.compareTo(poll) < 0).orElse(poll));
        }
        return wait.map(w -> UpdateControl.<KarlSite>noUpdate().rescheduleAfter(w)).orElse(UpdateControl.noUpdate());
    }
}
