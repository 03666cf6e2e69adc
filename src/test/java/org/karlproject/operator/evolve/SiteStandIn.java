package org.karlproject.operator.evolve;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;

/**
 * The site's side of the EvolveRun contract, played in the evolve scenarios (which run no KarlSite
 * reconciler): a site rolls out the release of its newest unfinished run ({@code status.targetRelease}),
 * and once that run serves the evolved copy ({@code AwaitingTraffic}) it "switches traffic"
 * ({@code activeRelease}, {@code switchedAt}). Polls; writes only what differs. {@code @Vetoed}: not a bean,
 * so the Quarkus app test (which indexes test classes) neither injects nor registers it.
 */
@jakarta.enterprise.inject.Vetoed
final class SiteStandIn implements Reconciler<KarlSite> {
    private final Duration trafficAfter;

    /** Switches traffic {@code trafficAfter} after the run entered AwaitingTraffic (the candidate's checks). */
    SiteStandIn(Duration trafficAfter) {
        this.trafficAfter = trafficAfter;
    }

    @Override
    public UpdateControl<KarlSite> reconcile(KarlSite site, Context<KarlSite> context) {
        Optional<EvolveRun> run = context.getClient().resources(EvolveRun.class)
                .inNamespace(site.getMetadata().getNamespace()).list().getItems().stream()
                .filter(r -> r.getSpec() != null && site.getMetadata().getName().equals(r.getSpec().getSite()))
                .filter(r -> !Boolean.TRUE.equals(r.getSpec().getDryRun()))
                .filter(r -> r.getStatus() == null || r.getStatus().getPhase() == null
                        || !r.getStatus().getPhase().isTerminal())
                .max(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp()));
        KarlSiteStatus status = Optional.ofNullable(site.getStatus()).orElseGet(KarlSiteStatus::new);
        boolean change = false;
        if (run.isPresent() && !Objects.equals(status.getTargetRelease(), run.get().getSpec().getRelease())) {
            status.setTargetRelease(run.get().getSpec().getRelease());
            change = true;
        }
        if (run.isPresent() && run.get().getStatus() != null
                && run.get().getStatus().getPhase() == EvolvePhase.AwaitingTraffic && checked(run.get())
                && (!Objects.equals(status.getActiveRelease(), run.get().getSpec().getRelease())
                        || switchedBefore(status, run.get()))) {
            status.setActiveRelease(run.get().getSpec().getRelease());
            status.setSwitchedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            change = true;
        }
        if (change) {
            site.setStatus(status);
            context.getClient().resource(site).updateStatus();
        }
        return UpdateControl.<KarlSite>noUpdate().rescheduleAfter(Duration.ofMillis(100));
    }

    /** The candidate's checks have taken {@code trafficAfter} since the run entered AwaitingTraffic. */
    private boolean checked(EvolveRun run) {
        var steps = run.getStatus().getSteps();
        String started = steps.isEmpty() ? null : steps.get(steps.size() - 1).getStarted();
        return started == null || !Instant.now().isBefore(Instant.parse(started).plus(trafficAfter));
    }

    /** The recorded switch is an earlier run's (before this run went read-only). */
    private static boolean switchedBefore(KarlSiteStatus status, EvolveRun run) {
        return status.getSwitchedAt() == null || run.getStatus().getReadOnlySince() == null
                || Instant.parse(status.getSwitchedAt()).isBefore(Instant.parse(run.getStatus().getReadOnlySince()));
    }
}
