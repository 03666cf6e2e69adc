package org.karlproject.operator.evolve;

import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.SwitchBackReason;
import org.karlproject.operator.reconcile.PhaseHandler;
import org.karlproject.operator.reconcile.Step;

/**
 * Step 7: the database serves the evolved copy, still read-only, while the site starts the release's pods
 * against it, smoke-checks them and switches traffic. Once the site's status says its traffic is on the
 * run's release, the hold may end. If the site cancels the run (its {@code status.cancelEvolveRuns}: a
 * deadline or smoke check failed, the spec was rolled back or re-targeted), no longer rolls out this
 * release, or is gone, the run switches the database back to the original volume. This phase's deadline
 * is the site's progress deadline, which the site enforces by cancelling.
 */
final class AwaitingTrafficHandler implements PhaseHandler<EvolveContext, EvolveRunStatus, EvolvePhase> {

    @Override
    public Step<EvolvePhase> handle(EvolveContext ctx, EvolveRunStatus status) {
        String site = ctx.run().getSpec().getSite();
        if (SiteIntent.trafficSwitched(ctx)) {
            ctx.status().setPreviousVolume(ctx.status().getSourceVolume());
            return Steps.advance(EvolvePhase.LeavingReadOnly, "KarlSite " + site + " serves release "
                    + ctx.run().getSpec().getRelease() + " on " + ctx.status().getRestoredVolume() + "; "
                    + ctx.status().getSourceVolume() + " is retained");
        }
        if (SiteIntent.cancelled(ctx)) {
            return SwitchingBackHandler.enter(ctx, SwitchBackReason.Cancelled, "KarlSite " + site + " cancelled this run");
        }
        Optional<String> gone = SiteIntent.gone(ctx);
        if (gone.isPresent()) {
            return SwitchingBackHandler.enter(ctx, SwitchBackReason.Cancelled, gone.get());
        }
        Step<EvolvePhase> waiting = Steps.waiting("AwaitingTraffic", "ZeoDatabase " + ctx.status().getDatabase() + " serves "
                + ctx.status().getRestoredVolume() + " at " + ctx.status().getTo() + ", read-only; waiting for "
                + "KarlSite " + site + " to start, check and switch traffic to " + ctx.run().getSpec().getRelease());
        String missing = ctx.status().getSiteMissingSince();
        return missing == null ? waiting : waiting.recheckAfter(java.time.Duration.between(ctx.now(),
                java.time.Instant.parse(missing).plus(EvolveSettings.SITE_MISSING_GRACE)));
    }
}
