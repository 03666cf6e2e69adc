/**
 * The rollout state machine of a KarlSite, pure: {@link org.karlproject.operator.site.rollout.SiteView} is
 * what was observed, {@link org.karlproject.operator.site.rollout.Rollout} maps each
 * {@link org.karlproject.operator.api.site.RolloutPhase} to one small handler and applies the rule every
 * phase shares (a new target starts a new rollout, recorded first), and the handlers (the one
 * {@link org.karlproject.operator.reconcile.PhaseHandler} contract) return the next
 * {@link org.karlproject.operator.reconcile.Step}, whose plan holds the writes a step itself asks for (the
 * EvolveRun of the Evolving step). {@code SiteNames} (the children's deterministic names) and
 * {@code Selectors} live here, so the package needs nothing from {@code site}:
 *
 * <ol>
 *   <li>{@code Routing}: Pending (a cancelled EvolveRun still finishing? already active? promotion gate?
 *       data restore or consent needed? generations known? an evolve first?), AwaitingPromotion, Blocked.</li>
 *   <li>{@code Candidate}: Evolving (before any pod of the target runs: the EvolveRun serves the evolved
 *       copy, still read-only, and awaits traffic), Deploying (ready by the deadline), RestoringData (the
 *       database serves the retained volume), SmokeChecking (the Job passes).</li>
 *   <li>{@code Switch}: Switching (the stable selector is the target's), Stable (Ready once the rollout's
 *       EvolveRun has finished, the database's generations match the active release's and the mode is
 *       applied), Aborted (waits for a new generation).</li>
 * </ol>
 * With an evolve the order is Pending, Evolving, Deploying, SmokeChecking, Switching, Stable; the database
 * stays read-only until the switch. An abort, rollback or re-target before the switch cancels the run
 * ({@link org.karlproject.operator.site.rollout.Cancels}, {@code status.cancelEvolveRuns}), which goes back
 * to the original volume.
 */
package org.karlproject.operator.site.rollout;
