/**
 * The rollout state machine of a KarlSite, pure: {@link org.karlproject.operator.site.rollout.SiteView} is
 * what was observed, {@link org.karlproject.operator.site.rollout.Rollout} maps each
 * {@link org.karlproject.operator.api.site.RolloutPhase} to one small handler and applies the rule every
 * phase shares (a new target starts a new rollout, recorded first), and the handlers return the next
 * {@link org.karlproject.operator.site.rollout.Step}:
 *
 * <ol>
 *   <li>{@code Routing}: Pending (already active? promotion gate? data restore or consent needed?),
 *       AwaitingPromotion, Blocked.</li>
 *   <li>{@code Candidate}: Deploying (ready by the deadline), Evolving (the EvolveRun succeeds),
 *       RestoringData (the database serves the retained volume), SmokeChecking (the Job passes).</li>
 *   <li>{@code Switch}: Switching (the stable selector is the target's), Stable (Ready once the mode is
 *       applied), Aborted (waits for a new generation).</li>
 * </ol>
 */
package org.karlproject.operator.site.rollout;
