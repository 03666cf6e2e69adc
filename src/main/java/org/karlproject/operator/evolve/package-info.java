/**
 * EvolveRun: migrate a copy of the database, never the live data (the seed's "Automate On-Demand Backup /
 * Restore / Evolve" and "Write Smarter Evolve Scripts").
 *
 * <p>The steps, one {@link org.karlproject.operator.api.evolve.EvolvePhase} each, one handler each (the
 * table is {@link org.karlproject.operator.evolve.Phases}); every handler works out where it is from what
 * exists, under names recorded in status before anything is created (see
 * {@link org.karlproject.operator.evolve.ChildNames}), and is pure: it returns a
 * {@link org.karlproject.operator.reconcile.Step} whose plan holds the writes it asks for, which the
 * reconciler records and carries out ({@link org.karlproject.operator.k8s.ChildWriter}):
 * <ol start="0">
 *   <li>{@code Pending}: resolve the site, its ZeoDatabase ({@code status.database}) and the target
 *       ReleaseIndex (wait while one is missing or not Ready; a bad spec is Stalled {@code InvalidSpec}
 *       before any handler decides); record from/to generations; {@code NothingToEvolve} (Succeeded at
 *       once) when the database is not behind ({@link org.karlproject.operator.api.Generations}: one
 *       without generations never is); a manual run waits ({@code NoRolloutToRelease}) unless its site
 *       rolls out to its release;
 *       fail {@code NameTaken} if a child name is held by an object without the run's UID
 *       ({@link org.karlproject.operator.evolve.Ownership}); wait ({@code WaitingForDatabase}) until the run
 *       holds the database's claim ({@link org.karlproject.operator.evolve.AdmissionClaim}, atomic: it asks
 *       for it and sees it won on its next look); record
 *       the reindex list (the union over every release's declared steps between from and to) and the live
 *       volume.</li>
 *   <li>{@code BaseSnapshot}: VolumeSnapshot {@code <run>-base} of the live volume, while writable.</li>
 *   <li>{@code EnteringReadOnly}: the phase itself is the hold; wait until the ZeoDatabase runs read-only
 *       and lists this run as holder. The read-only budget starts here.</li>
 *   <li>{@code FinalSnapshot}: VolumeSnapshot {@code <run>-final}, consistent now.</li>
 *   <li>{@code Restoring}: PVC {@code <run>-evolved} restored from the final snapshot (a dry run: from the
 *       base), at least its restoreSize; done once it exists and is not Lost (WaitForFirstConsumer: the
 *       Job's pod binds it).</li>
 *   <li>{@code Evolving}: Job {@code <run>-evolve}, the release's image, {@code backoffLimit: 0}, mounting
 *       only the copy (the run's own), told the target generations and the indexes to reindex; done once
 *       it is Complete and the copy Bound (within the restore deadline).</li>
 *   <li>{@code Verifying}: Job {@code <run>-verify} (the release's image, {@code verify}, the copy mounted
 *       read-only) reports its checks in its termination message (read from the check pods' informer); all
 *       passed: Job {@code <run>-last-txn} (the ZEO image, {@code zeo last-transaction}) asks the read-only
 *       server for the live storage's last transaction, which must equal the copy's
 *       ({@code VerificationFailed}, {@code WritesAfterFinalSnapshot}); both recorded in status.</li>
 *   <li>{@code Switching}: the phase asks the ZeoDatabase to serve the copy, still read-only; wait until it
 *       does and is Ready, within the switch deadline ({@code EvolveSettings.switchDeadline}, default 10
 *       minutes), else switch back.</li>
 *   <li>{@code AwaitingTraffic}: still read-only, the site starts the release against the copy, checks it and
 *       switches traffic; wait for the site's {@code status.activeRelease} (and {@code switchedAt} no earlier
 *       than the read-only start); record the previous volume. A cancel by the site
 *       ({@code status.cancelEvolveRuns}), a site gone or no longer rolling out the release: switch back.</li>
 *   <li>{@code LeavingReadOnly}: wait until the ZeoDatabase no longer lists the hold and runs writable;
 *       Succeeded.</li>
 *   <li>{@code SwitchingBack}: the phase asks the ZeoDatabase to serve {@code sourceVolume} again (untouched
 *       since the final snapshot), still read-only; once it does and is Ready: Failed, with
 *       {@code switchBackReason}.</li>
 * </ol>
 * Any failure before {@code Switching} (snapshot error or deadline, restore stuck, Job failed or past its
 * deadline, read-only budget spent, a cancel by the site) ends in {@code Failed}: the hold ends with the
 * phase, the original volume keeps serving, the copy is kept labelled for inspection (or deleted). From
 * {@code Switching} on, a failure goes through {@code SwitchingBack} first. The phases that hold the
 * database read-only are those whose {@code EvolvePhase.holdsReadOnly()} is true. A dry run goes
 * BaseSnapshot, Restoring, Evolving, Verifying (the verify Job only), then Succeeded ({@code DryRunSucceeded}): never read-only, never a
 * switch. {@link org.karlproject.operator.evolve.Holds} states the read-only contract other reconcilers read.
 */
package org.karlproject.operator.evolve;
