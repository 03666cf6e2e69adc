package org.karlproject.operator.site.rollout;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.reconcile.Step;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/** The switch (one write of the stable Service's selector) and the phases that wait for a spec change. */
final class Switch {

    private Switch() {
    }

    /** Switching: done once the stable Service selects what this phase asks for. */
    static Step<RolloutPhase> switching(SiteView view, KarlSiteStatus next) {
        if (!Objects.equals(view.children().stableSelector(), view.stableSelectorFor(next.getTargetRevision()))) {
            return Step.to(RolloutPhase.Switching, Health.progressing("Switching", "pointing Service "
                    + SiteNames.stableService(view.site().name()) + " at " + next.getTargetRelease()));
        }
        String now = view.site().now().toString();
        ReleaseList.mark(next, next.getActiveRevision(), ReleaseState.Kept, now);
        SiteView.Revision target = view.releases().wanted().orElseThrow();
        ReleaseList.put(next, target, SiteNames.deployment(view.site().name(), target.release(), target.hash()),
                ReleaseState.Active, now);
        ReleaseList.trim(next, view.site().settings().keepReleases());
        next.setActiveRelease(next.getTargetRelease());
        next.setActiveRevision(next.getTargetRevision());
        next.setLastStableRelease(next.getTargetRelease());
        next.setSwitchedAt(now);
        next.setDataRestore(null);
        return Step.to(RolloutPhase.Stable, Health.progressing("Switched", "traffic switched to "
                + next.getTargetRelease()));
    }

    /**
     * Stable: Ready once the target is active, the rollout's EvolveRun has finished (the database is
     * writable again), the mode is applied, and the database's generations are the ones the active release
     * expects (after a cancelled evolve: once the database serves its original again).
     */
    static Step<RolloutPhase> stable(SiteView view, KarlSiteStatus next) {
        Map<String, Long> expects = view.releases().wanted()
                .filter(w -> w.release().equals(next.getActiveRelease())).isPresent()
                ? view.releases().wantedGenerations() : view.releases().keptGenerations().get(next.getActiveRelease());
        Map<String, Long> has = view.database().generations();
        if (!Generations.matches(has, expects)) {
            return Step.to(RolloutPhase.Stable, Health.progressing("WaitingForData", "ZeoDatabase "
                    + view.database().name() + " is at " + has + ", release " + next.getActiveRelease()
                    + " expects " + expects + ": not Ready until they match"));
        }
        Optional<SiteView.Evolve> holding = Optional.ofNullable(next.getEvolveRun()).flatMap(name -> view.evolves()
                .runs().stream().filter(e -> e.name().equals(name)).findFirst())
                .filter(e -> e.phase() == null || !e.phase().isTerminal());
        if (holding.isPresent()) {
            return Step.to(RolloutPhase.Stable, Health.progressing("LeavingReadOnly", "traffic is on "
                    + next.getActiveRelease() + "; waiting for EvolveRun " + holding.get().name()
                    + " to finish (ZeoDatabase " + view.database().name() + " writable again)"));
        }
        if (view.evolves().holdDatabase() && view.site().settings().mode() == SiteMode.Normal) {
            // Read-only against the spec's mode (a data restore's hold not yet released after the switch, or
            // another run on the database): serving, but not what was asked for; Ready flapping True
            // (ReadOnly applied) then False (applying Normal) would mislead kstatus readers
            return Step.to(RolloutPhase.Stable, Health.progressing("LeavingReadOnly", "traffic is on "
                    + next.getActiveRelease() + "; waiting for ZeoDatabase " + view.database().name()
                    + " to be released from read-only"));
        }
        String mode = view.effectiveMode().name();
        Map<String, String> selector = view.stableSelectorFor(next.getActiveRevision());
        if (!mode.equals(view.children().runtimeMode()) || !Objects.equals(selector, view.children().stableSelector())
                || (view.effectiveMode() == SiteMode.Maintenance
                        && !view.children().maintenanceReady())) {
            return Step.to(RolloutPhase.Stable, Health.progressing("ApplyingMode", "applying mode " + mode));
        }
        return Step.to(RolloutPhase.Stable, Health.ready("Stable", "release " + next.getActiveRelease()
                + " (revision " + next.getActiveRevision() + ") is active; mode " + mode));
    }

    /** Aborted: stays so, with its reason, until the spec changes (see {@link Rollout#retarget}). */
    static Step<RolloutPhase> aborted(SiteView view, KarlSiteStatus next) {
        Health before = Conditions.health(next.getConditions())
                .filter(h -> h.state() == Health.State.STALLED)
                .orElse(Health.stalled("RolloutAborted", "the rollout of " + next.getTargetRelease()
                        + " was aborted; change the spec to try again"));
        return Step.to(RolloutPhase.Aborted, before);
    }
}
