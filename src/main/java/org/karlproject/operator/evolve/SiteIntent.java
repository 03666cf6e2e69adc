package org.karlproject.operator.evolve;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;

/**
 * What the run's site states about it in its own status (the house rule: the site writes only its status,
 * the run reads it and acts): whether it cancels the run ({@code status.cancelEvolveRuns}), and whether it
 * has switched traffic to the run's release ({@code status.activeRelease}, {@code status.switchedAt} no
 * earlier than the run's read-only start).
 */
final class SiteIntent {

    private SiteIntent() {
    }

    private static Optional<KarlSiteStatus> status(EvolveContext ctx) {
        return ctx.world().site(ctx.run().getSpec().getSite()).map(KarlSite::getStatus);
    }

    /** The site lists this run among the runs it asks to give up. */
    static boolean cancelled(EvolveContext ctx) {
        return status(ctx).map(s -> s.getCancelEvolveRuns().contains(ctx.name())).orElse(false);
    }

    /** The site serves the run's release since the run went read-only. */
    static boolean trafficSwitched(EvolveContext ctx) {
        Optional<KarlSiteStatus> site = status(ctx);
        String since = ctx.status().getReadOnlySince();
        return site.filter(s -> Objects.equals(ctx.run().getSpec().getRelease(), s.getActiveRelease()))
                .map(KarlSiteStatus::getSwitchedAt).filter(Objects::nonNull)
                .filter(at -> since == null || !Instant.parse(at).isBefore(Instant.parse(since))).isPresent();
    }

    /** Why the run must give up after the switch although no cancel is stated, if it must. */
    static Optional<String> gone(EvolveContext ctx) {
        Optional<KarlSite> site = ctx.world().site(ctx.run().getSpec().getSite());
        if (site.isEmpty()) {
            // a cache that has not caught up (an operator just restarted) looks the same as a deletion: give
            // up only once the site has stayed missing
            String since = ctx.status().getSiteMissingSince();
            if (since == null) {
                ctx.status().setSiteMissingSince(Phases.time(ctx.now()));
                return Optional.empty();
            }
            if (ctx.now().isBefore(Instant.parse(since).plus(EvolveSettings.SITE_MISSING_GRACE))) {
                return Optional.empty();
            }
            return Optional.of("KarlSite " + ctx.run().getSpec().getSite() + " no longer exists (missing since "
                    + since + ")");
        }
        ctx.status().setSiteMissingSince(null);
        String target = site.get().getStatus() == null ? null : site.get().getStatus().getTargetRelease();
        if (!Objects.equals(ctx.run().getSpec().getRelease(), target)) {
            return Optional.of("KarlSite " + ctx.run().getSpec().getSite() + " no longer rolls out release "
                    + ctx.run().getSpec().getRelease() + " (its status.targetRelease is " + target + ")");
        }
        return Optional.empty();
    }
}
