/**
 * ReleaseIndex: one immutable, pinned release, served as a versioned package index.
 *
 * <p>The reconciler runs the one skeleton ({@link org.karlproject.operator.reconcile.Skeleton}): observe
 * ({@link org.karlproject.operator.release.Observed}, caches only), decide
 * ({@link org.karlproject.operator.release.Decide}, pure: the status, the verdict, the frozen copy to create,
 * what the registry serves), publish or withdraw with the verdict, record it, create the frozen copy. The
 * steps, each derived from what exists:
 * <ol>
 *   <li>Before validation: who uses the release (status.usedBy and basedOnBy, recomputed every time). Spec
 *       changed after acceptance (status.specDigest differs from the spec's digest): Stalled
 *       {@code SpecChanged}, whatever else is wrong with the spec; keep serving the accepted content, from the
 *       frozen copy. Never a new release.</li>
 *   <li>Validate with the shared validator: any violation is Stalled {@code InvalidSpec}, naming each field.</li>
 *   <li>Resolve the {@code basedOn} chain from the informer cache: a missing or not-yet-Ready parent waits
 *       ({@code WaitingForParent}), unless the chain lies on or runs into a cycle of the namespace's releases
 *       ({@link org.karlproject.operator.validation.BasedOnCycles}): Stalled {@code BasedOnCycle}, naming it. A
 *       package pinned differently along the chain is Stalled.</li>
 *   <li>Publish the effective release to the {@link org.karlproject.operator.release.ReleaseRegistry}, record
 *       the digest (Ready {@code Published}), once the accepted spec is frozen into a ConfigMap: the copy is
 *       created first, in passing ({@code Accepting}), so a status naming an accepted digest always has its
 *       copy; a predecessor's copy under the same name (another owner UID) is not this release's.</li>
 *   <li>On deletion, wait while any KarlSite runs the release or keeps it for rollback, or any accepted
 *       ReleaseIndex is based on it ({@code DeletionBlocked}); then withdraw it and let it go.</li>
 * </ol>
 * {@link org.karlproject.operator.release.ReleaseIndexEndpoint} serves what the registry holds.
 */
package org.karlproject.operator.release;
