/**
 * ReleaseTrain: one karl version through every selected customer site, staging first, then production as a
 * canary and waves with a bake, halted by a failure budget.
 *
 * <p>The reconciler runs the one skeleton ({@link org.karlproject.operator.reconcile.Skeleton}): observe
 * ({@link org.karlproject.operator.train.TrainObserver}, caches only), decide
 * ({@link org.karlproject.operator.train.TrainDecide}, pure), record the status. It writes nothing else: no
 * KarlSite spec or status; each site reads the target the train's status names for it (the site's
 * {@code TrainTarget}) once the train has started it. The steps, each derived from the recorded rows and what
 * the caches show:
 * <ol>
 *   <li>Select ({@link org.karlproject.operator.train.Selection}): the sites naming the train in
 *       {@code spec.releaseTrain}, and those carrying every {@code spec.sites.matchLabels} entry; staging first,
 *       then production, by namespace and name. A started site keeps its row even when deselected.</li>
 *   <li>Resolve each not-started site's release ({@link org.karlproject.operator.train.Resolution}): the override,
 *       or the one Ready ReleaseIndex in its namespace whose chain reaches {@code spec.karlVersion} and carries
 *       its customization package. None or two: {@code Blocked}, naming what is missing or both. Already running
 *       it: {@code Skipped}. Moved by another train, or selected by a train created first
 *       ({@code TrainObserver.FIRST}: creationTimestamp, then namespace/name): {@code Blocked} naming it.</li>
 *   <li>Follow the started sites: Ready and Stable at the target: staging {@code Succeeded}, production
 *       {@code Baking}; the site's rollout Aborted or Blocked at the target, or not Ready within
 *       {@code siteDeadlineSeconds}: {@code Failed}. A baking site that is no longer Ready: {@code Failed}.</li>
 *   <li>Bake: once no site of the current canary or wave is InProgress, {@code status.bakeUntil} is set; when it
 *       has passed, the wave's baking sites are {@code Succeeded}.</li>
 *   <li>Start, unless paused or halted (more than {@code failureBudget} sites Failed): Waiting staging sites up to
 *       {@code stagingParallelism}; when no staging site waits or moves and no production wave is under way, the
 *       next wave (the canary first) of production sites whose staging site verified their release; a production
 *       site whose staging site is done on the train without verifying it is {@code Blocked}. Nothing starts
 *       while aborted ({@code status.abortedAt}, for good), halted, or while a train created first selects one
 *       of the sites. A site whose upgrade needs an evolve passes the {@link org.karlproject.operator.train.EvolveGate}
 *       first: within {@code stages.maxConcurrentEvolves}, and only when its expected read-only time fits in an
 *       open maintenance window ({@link org.karlproject.operator.train.Windows}); else {@code WaitingForWindow}
 *       with the next window's start (production: left for a later wave). With {@code stages.reseedStaging},
 *       a staging site is first {@code Reseeding} ({@link org.karlproject.operator.train.Reseeds}: an intent
 *       the staging ZeoDatabase reads from this status) and starts once its database serves the copy.</li>
 *   <li>Verdict ({@link org.karlproject.operator.train.TrainVerdict}): Aborted (Stalled {@code Aborted}), Halted
 *       (Stalled {@code FailureBudgetExceeded}), Conflicting (Stalled {@code SitesClaimedByAnotherTrain}), Paused, Progressing, Succeeded (Ready), or
 *       Completed (Stalled {@code SitesFailed} / {@code SitesBlocked} / {@code NoSites}). Nothing is rolled back.</li>
 * </ol>
 */
package org.karlproject.operator.train;
