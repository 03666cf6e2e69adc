package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.karlproject.operator.api.Api;

/**
 * The one writer of child objects, for every reconciler: carries out a {@link Plan} after its status is
 * recorded. Creates and edits go through the informer that caches the child ({@link CachedWrites}), so the
 * next reconcile sees them before their watch events; {@link #wrote()} tells the reconciler to look again at
 * once. Without server-side apply: an ensure compares the fields the operator owns with the live object
 * ({@link LiveFields}) and a content hash ({@value #HASH}, for removed fields), and writes only on a
 * difference. Edits are JSON patches of the typed difference (never JSON built by hand). A delete never
 * touches an object without its creator's mark.
 */
public final class ChildWriter {
    /**
     * Whether a live object, at its version, holds the owned fields of a desired content (its hash and labels):
     * the answer cannot change before the object does ({@link VersionMemo}).
     */
    private static final VersionMemo<Boolean> HOLDS = new VersionMemo<>(50_000);

    /** The hash of the content the operator last wrote on a child (the one annotation key for it). */
    public static final String HASH = Api.GROUP + "/desired-hash";

    private static final Logger LOG = Logger.getLogger(ChildWriter.class);

    private final KubernetesClient client;
    private final Function<HasMetadata, ManagedInformerEventSource<HasMetadata, ?, ?>> caches;
    private final CachedWrites writes;
    private java.util.function.BooleanSupplier stopping = () -> false;

    /**
     * @param caches the informer that caches objects like the given one (null: none, the write goes to the
     *     server directly)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <R extends HasMetadata> ChildWriter(KubernetesClient client,
            Function<HasMetadata, ? extends ManagedInformerEventSource<?, ?, ?>> caches) {
        this.client = client;
        this.caches = (Function) caches;
        this.writes = new CachedWrites(client);
    }

    /**
     * Refuses every further intent once {@code stopping} says so: when the operator stops, JOSDK empties the
     * informer caches before the reconciles already queued finish, and a plan decided on what the caches held a
     * moment before (a step carried out before its verdict is recorded, an EvolveRun's staying step) must not
     * land on a cluster the stopping operator can no longer see.
     */
    public ChildWriter stopsWhen(java.util.function.BooleanSupplier stopping) {
        this.stopping = stopping;
        return this;
    }

    /** Thrown instead of carrying out an intent once the operator stops ({@link #stopsWhen}). */
    public static final class Stopped extends RuntimeException {
        Stopped(Intent intent) {
            super("the operator is stopping and its caches are gone: " + intent.getClass().getSimpleName()
                    + " not carried out", null, false, false);
        }
    }

    /** Carries out every intent of {@code plan}, in order. */
    public void execute(Plan plan) {
        for (Intent intent : plan.intents()) {
            execute(intent);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void execute(Intent intent) {
        if (stopping.getAsBoolean()) {
            throw new Stopped(intent);
        }
        if (intent instanceof Intent.Create c) {
            create(c.object());
        } else if (intent instanceof Intent.Ensure e) {
            ensure(e.desired(), e.observed(), e.content(), e.owned());
        } else if (intent instanceof Intent.Edit e) {
            edit(e.cached(), e.change());
        } else if (intent instanceof Intent.Delete d) {
            delete(d.object());
        } else if (intent instanceof Intent.DeleteScratch d) {
            deleteScratch(d.pvc(), d.ownerUid(), d.drill());
        }
    }

    /** Creates {@code object} through its cache; true if this call created it (false: it existed, 409). */
    public boolean create(HasMetadata object) {
        return writes.create(cache(object), object).isPresent();
    }

    /** See {@link Intent.Ensure}. */
    public <T extends HasMetadata> void ensure(T desired, Optional<T> observed, Object content, BiConsumer<T, T> owned) {
        String hash = ContentHash.of(content);
        annotate(desired, Map.of(HASH, hash));
        if (observed.isEmpty()) {
            create(desired);
            return;
        }
        T current = observed.get();
        if (hash.equals(seenHash(current).orElse(null)) && HOLDS.get(current,
                Arrays.asList(hash, desired.getMetadata().getLabels() == null ? null : Map.copyOf(desired.getMetadata().getLabels())),
                () -> holdsOwnedFields(desired, current, owned))) {
            return;
        }
        edit(current, fresh -> {
            owned.accept(desired, fresh);
            fresh.getMetadata().setLabels(desired.getMetadata().getLabels());
            annotate(fresh, desired.getMetadata().getAnnotations());
            return fresh;
        });
    }

    /** See {@link Intent.Edit}. */
    public <T extends HasMetadata> T edit(T cached, UnaryOperator<T> change) {
        return writes.edit(cache(cached), cached, change);
    }

    /** See {@link Intent.Delete}; true if a delete was sent and answered (a 404 or a 409 counts as gone or not ours). */
    public boolean delete(HasMetadata object) {
        if (Labels.ownerUid(object) == null && object.getMetadata().getOwnerReferences().stream()
                .noneMatch(o -> Boolean.TRUE.equals(o.getController()))) {
            LOG.warnf("not deleting %s %s/%s: it carries no creator's mark (%s label or controller ownerReference)",
                    object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
                    Labels.OWNER_UID);
            return false;
        }
        try {
            if (exactlyAsSeen(object)) {
                client.resource(object).lockResourceVersion(object.getMetadata().getResourceVersion()).delete();
            } else {
                client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                return false; // gone already, or changed since it was seen: not the object the decision was about
            }
            throw e;
        }
    }

    /**
     * See {@link Intent.DeleteScratch}: deletes {@code pvc} only when it is the scratch volume of drill
     * {@code drill} made by the object with UID {@code ownerUid} (both labels, both non-blank), exactly as
     * seen (resourceVersion precondition: a volume of the same name made since is not deleted). True if a
     * delete was sent and answered.
     */
    public boolean deleteScratch(PersistentVolumeClaim pvc, String ownerUid, String drill) {
        if (!scratchOf(pvc, ownerUid, drill)) {
            LOG.warnf("not deleting PersistentVolumeClaim %s/%s: it is not the scratch volume of drill %s of %s",
                    pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(), drill, ownerUid);
            return false;
        }
        try {
            client.resource(pvc).lockResourceVersion(pvc.getMetadata().getResourceVersion()).delete();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Whether {@code pvc} is, as seen, the scratch volume of drill {@code drill} of the creator {@code ownerUid}. */
    public static boolean scratchOf(PersistentVolumeClaim pvc, String ownerUid, String drill) {
        Map<String, String> labels = Optional.ofNullable(pvc.getMetadata().getLabels()).orElse(Map.of());
        return ownerUid != null && !ownerUid.isBlank() && drill != null && !drill.isBlank()
                && ownerUid.equals(labels.get(Labels.OWNER_UID)) && drill.equals(labels.get(Labels.DRILL))
                && pvc.getMetadata().getResourceVersion() != null;
    }

    /** Whether a create or edit succeeded: the reconciler then looks again at once (see {@link CachedWrites}). */
    public boolean wrote() {
        return writes.wrote();
    }

    /** The content hash an observed child carries, if any. */
    public static Optional<String> seenHash(HasMetadata observed) {
        return Optional.ofNullable(observed.getMetadata().getAnnotations()).map(a -> a.get(HASH));
    }

    /**
     * Whether the live object still holds what the operator owns on it: {@code owned} applied to a copy of it
     * (with the desired labels) changes no field the live object has. An edit by hand makes it false.
     */
    public static <T extends HasMetadata> boolean holdsOwnedFields(T desired, T current, BiConsumer<T, T> owned) {
        return LiveFields.unchangedBy(current, copy -> {
            owned.accept(desired, copy);
            copy.getMetadata().setLabels(desired.getMetadata().getLabels());
        });
    }

    private static boolean exactlyAsSeen(HasMetadata object) {
        return object.getMetadata().getResourceVersion() != null && (object instanceof PersistentVolumeClaim
                || object instanceof GenericKubernetesResource || object instanceof ConfigMap);
    }

    /** Adds {@code ours} to the object's annotations, keeping everyone else's. */
    private static void annotate(HasMetadata object, Map<String, String> ours) {
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(object.getMetadata().getAnnotations())
                .orElse(Map.of()));
        if (ours != null) {
            annotations.putAll(ours);
        }
        object.getMetadata().setAnnotations(annotations);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T extends HasMetadata> ManagedInformerEventSource<T, ?, ?> cache(T object) {
        return (ManagedInformerEventSource) Objects.requireNonNull(caches).apply(object);
    }
}
