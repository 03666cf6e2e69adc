/**
 * KarlSite: one immutable Deployment per revision, a smoke-checked atomic switch, rollback, promotion, modes
 * and workers. Each reconcile is the one skeleton ({@code reconcile.Skeleton}) and works out where it is
 * from what exists (informer caches) and the status:
 *
 * <ol>
 *   <li>Validate the spec; an invalid one is {@code Stalled/InvalidSpec} and nothing is touched (the
 *       skeleton).</li>
 *   <li>Observe ({@code SiteObserver}, {@code SiteCaches}, {@code SiteChildren}): the wanted revision (release
 *       image + copied config + rendered settings, hashed), the release Deployments, the smoke-check Jobs, the
 *       ZeoDatabase, the EvolveRuns, the staging site of the promotion gate, the Services and the runtime
 *       ConfigMap, grouped into a {@code rollout.SiteView}.</li>
 *   <li>Decide ({@code rollout.Rollout}): a wanted revision other than the recorded target starts a rollout
 *       (target and start time recorded first); then one handler per phase moves it on:
 *       Pending (route) -> AwaitingPromotion -> Deploying -> Evolving | RestoringData -> SmokeChecking ->
 *       Switching -> Stable; Aborted and Blocked wait for a spec change or consent. The Evolving step names
 *       the EvolveRun in status and asks for its create; {@code RollbackOptions} says which kept release can
 *       be rolled back to, and how.</li>
 *   <li>Plan ({@code SiteActions}, pure) the writes that make the children match the decided status: config
 *       copy and Deployment of the target (created once), replicas, the preview and stable Services (the
 *       switch is one edit of the whole stable selector), the maintenance page, the workers on the active
 *       release, the smoke-check Job; retire revisions beyond keepReleases; the routes ({@code SiteRoutes}: the
 *       host names' Ingress or HTTPRoute to the stable Service, the preview route while a candidate runs, one
 *       owner per host name by {@code HostnameOwners}, Stalled HostnameTaken otherwise). The builders are one class per
 *       child, each a pure {@code static of(...)}: {@code ReleaseDeployment}, {@code ConfigCopy},
 *       {@code RuntimeConfig}, {@code SiteService}, {@code MaintenancePage}, {@code WorkerDeployment},
 *       {@code DigestCronJob}, {@code SmokeCheckJob}, {@code SiteEvolveRun}, {@code SiteIngress},
 *       {@code SiteHttpRoute}, on {@code SitePod} and
 *       {@code SiteMeta}.</li>
 *   <li>Record the decision in status (events first, a write only on change), then carry out the plan
 *       ({@code k8s.ChildWriter}) and look again: at once after a write, else at the next deadline, the end
 *       of the scale-down delay, or the poll.</li>
 * </ol>
 */
package org.karlproject.operator.site;
