/**
 * ZeoDatabase: the ZEO server as its own resource: storage, read-only mode, volume switch, scheduled
 * snapshots, clone to staging.
 *
 * <p>Each reconcile runs the one skeleton ({@link org.karlproject.operator.reconcile.Skeleton}): it observes
 * (informer caches only: {@link org.karlproject.operator.database.DatabaseEventSources}), decides
 * ({@link org.karlproject.operator.database.Decide}, pure: the next status, the verdict, the events and a plan
 * of creates, ensures and deletes), records the status (the one writer of ZeoDatabase status; the events
 * first), then carries out the plan ({@link org.karlproject.operator.k8s.ChildWriter}). The steps, each
 * derived from what exists:
 * <ol>
 *   <li>Validate with the shared validator: a violation is Stalled {@code InvalidSpec}.</li>
 *   <li>Provision ({@link org.karlproject.operator.database.Provisioning}): with no active volume yet, pick
 *       {@code <db>-data-1} and record it; restore it from {@code source.volumeSnapshot} or from a fresh
 *       snapshot of {@code source.database}'s active volume (a missing source is Stalled
 *       {@code SourceNotFound}; nothing is created; a first volume or seed snapshot that exists without this
 *       database's UID is Stalled {@code NameTaken}: it adopts nothing). A new reseed nonce (the
 *       {@code reseed} annotation's, or a release train's Reseeding row for a staging site on this database)
 *       is recorded, then a new volume is restored from a fresh copy of the source.</li>
 *   <li>Switch volumes ({@link org.karlproject.operator.database.VolumeSwitch}): a reseed volume ready to
 *       serve (Bound, or on WaitForFirstConsumer Pending with its snapshot ready: ZEO binds it); an
 *       EvolveRun in phase Switching with a bound restoredVolume; a KarlSite's data-restore request. The old
 *       active volume goes to the front of previousVolumes with when, why and its generations.</li>
 *   <li>Read-only holds ({@link org.karlproject.operator.database.ReadOnlyHolds}): effective read-only =
 *       spec.readOnly or any holder; {@code status.readOnly.active} follows what ZEO actually runs.</li>
 *   <li>First generations: an empty database takes the generations of the release of the first site that
 *       became Ready on it.</li>
 *   <li>Retention ({@link org.karlproject.operator.database.Retention}): previous volumes beyond
 *       keepPreviousVolumes go, unless a KarlSite still names them for a rollback.</li>
 *   <li>Backups ({@link org.karlproject.operator.database.Backups}): settle pending ones, take the due
 *       scheduled one (one catch-up after downtime), a new backup-now nonce, prune beyond keep (never held).</li>
 *   <li>Backup drills ({@link org.karlproject.operator.database.Drills}, with {@code spec.backup.verify}): a due
 *       drill is recorded in {@code status.drill}, then its scratch PVC (restored from the newest ready
 *       scheduled backup) and its verify Job are created; the Job's result goes on the backup's record and
 *       {@code status.lastVerifiedBackup}; the scratch volume is deleted (only through
 *       {@link org.karlproject.operator.k8s.ChildWriter#deleteScratch}); the condition {@code BackupVerified}
 *       ({@link org.karlproject.operator.database.DrillCondition}).</li>
 *   <li>Tell the events, record the status; then create snapshots and volumes, make the ConfigMap (zeo.conf),
 *       the Deployment (Recreate, one replica: {@link org.karlproject.operator.database.ZeoDeployment}), the
 *       Service and the NetworkPolicy match ({@link org.karlproject.operator.database.Workload}), delete what
 *       retention and pruning chose (only this database's own objects, as seen).</li>
 *   <li>On deletion ({@link org.karlproject.operator.database.DatabaseDeletion}, pure, then the same status
 *       writer and child writer): apply the deletionPolicy through the finalizer, touching only data with
 *       the database's UID or named in its status; the final snapshot of {@code Snapshot} only once ZEO runs
 *       read-only.</li>
 * </ol>
 */
package org.karlproject.operator.database;
