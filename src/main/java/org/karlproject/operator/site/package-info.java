/**
 * KarlSite: one immutable Deployment per revision, a smoke-checked atomic switch, rollback, promotion, modes
 * and workers. Each reconcile works out where it is from what exists (informer caches) and the status:
 *
 * <ol>
 *   <li>Validate the spec; an invalid one is {@code Stalled/InvalidSpec} and nothing is touched.</li>
 *   <li>Observe ({@code SiteObserver}): the wanted revision (release image + copied config + rendered
 *       settings, hashed), the release Deployments, the smoke-check Jobs, the ZeoDatabase, the EvolveRuns,
 *       the staging site of the promotion gate, the Services and the runtime ConfigMap.</li>
 *   <li>Decide ({@code rollout.Rollout}): a wanted revision other than the recorded target starts a rollout
 *       (target and start time recorded first); then one handler per phase moves it on:
 *       Pending (route) -> AwaitingPromotion -> Deploying -> Evolving | RestoringData -> SmokeChecking ->
 *       Switching -> Stable; Aborted and Blocked wait for a spec change or consent.</li>
 *   <li>Record the decision in status (the one status writer, only on change), with events.</li>
 *   <li>Act ({@code SiteActions}) on what was recorded: config copy and Deployment of the target, replicas,
 *       the preview and stable Services (the switch is one write of the stable selector), the maintenance
 *       page, the workers on the active release, the smoke-check Job, the EvolveRun; retire revisions beyond
 *       keepReleases.</li>
 * </ol>
 */
package org.karlproject.operator.site;
