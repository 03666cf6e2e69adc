package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * Where the data comes from (pure): the first volume (empty, restored from {@code source.volumeSnapshot},
 * or from a fresh snapshot of {@code source.database}'s active volume) and reseeds (annotation
 * {@code deploy.karlproject.org/reseed: <nonce>}, once per nonce: a new volume from a fresh copy of the
 * source; the replaced volume is retained like any previous volume). The source is only ever snapshotted,
 * never mounted or modified. The volume name goes into the status before anything is created.
 */
public final class Provisioning {

    /** What provisioning needs: a verdict that blocks, objects to create, a reseed ready to switch to. */
    public record Result(Optional<Health> blocked, List<HasMetadata> create, Optional<VolumeSwitch.Target> reseed,
            List<Events.Note> notes) {
    }

    private Provisioning() {
    }

    public static Result plan(Observed observed, ZeoDatabaseStatus status) {
        ZeoDatabase db = observed.db();
        SourceSpec source = db.getSpec().getSource();
        List<HasMetadata> create = new ArrayList<>();
        Optional<Health> blocked = sourceProblem(observed);
        if (status.getActiveVolume() == null) {
            blocked = blocked.or(() -> firstTaken(observed));
            if (blocked.isPresent()) {
                return new Result(blocked, create, Optional.empty(), List.of());
            }
            status.setActiveVolume(DatabaseObjects.firstVolume(db));
            observed.source().ifPresent(src -> status.setGenerations(new TreeMap<>(src.getStatus().getGenerations())));
        }
        String first = DatabaseObjects.firstVolume(db);
        if (first.equals(status.getActiveVolume()) && !observed.pvcs().containsKey(first) && blocked.isEmpty()) {
            create.addAll(volumeFrom(observed, first, Optional.empty()));
        }
        List<Events.Note> notes = new ArrayList<>();
        Optional<String> nonce = source != null && blocked.isEmpty() ? newReseed(observed, status) : Optional.empty();
        if (nonce.isPresent()) {
            notes.add(Events.Note.normal("ReseedStarted", "reseed " + nonce.get() + ": restoring a fresh copy of "
                    + (source.getDatabase() != null ? "ZeoDatabase " + source.getDatabase()
                            : "VolumeSnapshot " + source.getVolumeSnapshot()) + " into "
                    + DatabaseObjects.volumeFor(db, nonce.get())));
        }
        Optional<VolumeSwitch.Target> reseed = Optional.empty();
        if (source != null && status.getReseedNonce() != null) {
            String volume = DatabaseObjects.volumeFor(db, status.getReseedNonce());
            boolean done = volume.equals(status.getActiveVolume())
                    || status.getPreviousVolumes().stream().anyMatch(p -> volume.equals(p.getName()));
            Optional<HasMetadata> taken = done ? Optional.empty()
                    : reseedTaken(observed, volume, status.getReseedNonce());
            if (taken.isPresent()) {
                notes.add(Events.Note.warning(NAME_TAKEN, taken.get().getKind() + " "
                        + taken.get().getMetadata().getName() + " exists and was not made by this ZeoDatabase; reseed "
                        + status.getReseedNonce() + " waits, touching nothing: delete that object or use another nonce"));
                return new Result(Optional.empty(), create, Optional.empty(), notes);
            }
            if (!done && readyToServe(observed, volume)) {
                reseed = Optional.of(new VolumeSwitch.Target(volume, "Reseed " + status.getReseedNonce(),
                        observed.source().map(s -> new TreeMap<>(s.getStatus().getGenerations()))
                                .orElseGet(TreeMap::new)));
            } else if (!done && blocked.isEmpty() && !observed.pvcs().containsKey(volume)) {
                create.addAll(volumeFrom(observed, volume, Optional.of(status.getReseedNonce())));
            }
        }
        return new Result(Optional.empty(), create, reseed, notes);
    }

    /**
     * A reseed nonce not handled yet, recorded as handled (the caller acts only with a source): the
     * {@code deploy.karlproject.org/reseed} annotation's, else the one a ReleaseTrain's status asks for
     * ({@link Observed#trainReseed()}). Each source remembers its own last nonce, so that one's reseed never
     * makes the other's look new again: {@code reseedNonce} is the reseed under way (and, until a train first
     * reseeds, the annotation's last), {@code annotationReseedNonce} and {@code trainReseedNonce} each source's.
     */
    private static Optional<String> newReseed(Observed observed, ZeoDatabaseStatus status) {
        String annotationHandled = status.getAnnotationReseedNonce() != null ? status.getAnnotationReseedNonce()
                : status.getReseedNonce();
        Optional<String> annotation = Backups.annotation(observed.db(), DatabaseObjects.RESEED)
                .filter(n -> !n.equals(annotationHandled) && !n.equals(status.getReseedNonce()));
        if (annotation.isPresent()) {
            if (status.getTrainReseedNonce() != null) {
                status.setAnnotationReseedNonce(annotation.get());
            }
            status.setReseedNonce(annotation.get());
            return annotation;
        }
        Optional<String> train = observed.trainReseed().filter(n -> !n.equals(status.getTrainReseedNonce()));
        if (train.isPresent()) {
            status.setAnnotationReseedNonce(annotationHandled);
            status.setTrainReseedNonce(train.get());
            status.setReseedNonce(train.get());
        }
        return train;
    }

    /** The reason a database waits when a child name it needs is held by an object it did not make. */
    public static final String NAME_TAKEN = "NameTaken";
    /**
     * How long a restored volume may stay Pending, its snapshot ready, before it counts as waiting for its
     * first consumer ({@code volumeBindingMode: WaitForFirstConsumer}): an Immediate class binds it before.
     */
    static final Duration FIRST_CONSUMER_GRACE = Duration.ofSeconds(15);

    /**
     * A new database (no active volume yet) adopts nothing: its first volume, or the snapshot of its source
     * database, existing without its UID is a deleted predecessor's (or someone else's) data. Stalled.
     */
    private static Optional<Health> firstTaken(Observed observed) {
        ZeoDatabase db = observed.db();
        List<HasMetadata> taken = new ArrayList<>();
        Optional.ofNullable(observed.pvcs().get(DatabaseObjects.firstVolume(db))).filter(observed::foreign)
                .ifPresent(taken::add);
        SourceSpec source = db.getSpec().getSource();
        if (source != null && source.getDatabase() != null) {
            Optional.ofNullable(observed.snapshots().get(Snapshots.sourceName(db, Optional.empty())))
                    .filter(observed::foreign).ifPresent(taken::add);
        }
        return taken.stream().findFirst().map(o -> Health.stalled(NAME_TAKEN, o.getKind() + " "
                + o.getMetadata().getName() + " already exists and was not made by this ZeoDatabase ("
                + Labels.OWNER_UID + ": "
                + Optional.ofNullable(Labels.ownerUid(o)).orElse("none")
                + "); it may be the data of a deleted ZeoDatabase of the same name, and is left untouched. Delete "
                + "or rename it, or, to start from its data, snapshot it and name that snapshot in "
                + "spec.source.volumeSnapshot"));
    }

    private static Optional<HasMetadata> reseedTaken(Observed observed, String volume, String nonce) {
        HasMetadata pvc = observed.pvcs().get(volume);
        if (observed.foreign(pvc)) {
            return Optional.of(pvc);
        }
        HasMetadata snapshot = observed.snapshots().get(Snapshots.sourceName(observed.db(), Optional.of(nonce)));
        return observed.foreign(snapshot) && observed.db().getSpec().getSource().getDatabase() != null
                ? Optional.of(snapshot) : Optional.empty();
    }

    /**
     * Whether a restored volume can be switched to: this database's, not Lost, and Bound; or, on a
     * WaitForFirstConsumer class, still Pending with its snapshot ready past {@link #FIRST_CONSUMER_GRACE}
     * (ZEO's pod is then its first consumer, and it binds as ZEO starts on it).
     */
    static boolean readyToServe(Observed observed, String volume) {
        PersistentVolumeClaim pvc = observed.pvcs().get(volume);
        if (pvc == null || observed.foreign(pvc)) {
            return false;
        }
        if (DataVolumes.bound(pvc)) {
            return true;
        }
        String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
        String snapshot = pvc.getSpec().getDataSource() == null ? null : pvc.getSpec().getDataSource().getName();
        GenericKubernetesResource source = snapshot == null ? null : observed.snapshots().get(snapshot);
        return !"Lost".equals(phase) && source != null && CsiSnapshots.ready(source)
                && pvc.getMetadata().getCreationTimestamp() != null
                && !Instant.parse(pvc.getMetadata().getCreationTimestamp()).plus(FIRST_CONSUMER_GRACE)
                        .isAfter(observed.now());
    }

    /** A volume restored from the source (and the snapshot of the source database it needs), or empty. */
    private static List<HasMetadata> volumeFrom(Observed observed, String volume, Optional<String> reseedNonce) {
        ZeoDatabase db = observed.db();
        SourceSpec source = db.getSpec().getSource();
        if (source == null) {
            return List.of(DataVolumes.of(db, volume, Optional.empty()));
        }
        if (source.getVolumeSnapshot() != null) {
            return List.of(DataVolumes.of(db, volume, Optional.of(source.getVolumeSnapshot())));
        }
        String snapshot = Snapshots.sourceName(db, reseedNonce);
        List<HasMetadata> objects = new ArrayList<>();
        if (!observed.snapshots().containsKey(snapshot)) {
            String sourceVolume = observed.source().map(s -> s.getStatus().getActiveVolume()).orElseThrow();
            objects.add(Snapshots.of(db, snapshot, sourceVolume,
                    reseedNonce.isPresent() ? BackupTrigger.Reseed : BackupTrigger.Source));
        }
        objects.add(DataVolumes.of(db, volume, Optional.of(snapshot)));
        return objects;
    }

    /** Stalled when the source does not exist; waiting while the source database has no volume yet. */
    static Optional<Health> sourceProblem(Observed observed) {
        SourceSpec source = observed.db().getSpec().getSource();
        if (source == null) {
            return Optional.empty();
        }
        if (source.getVolumeSnapshot() != null && !observed.snapshots().containsKey(source.getVolumeSnapshot())) {
            return Optional.of(Health.stalled("SourceNotFound", "spec.source.volumeSnapshot: no VolumeSnapshot \""
                    + source.getVolumeSnapshot() + "\" in this namespace; create it or name an existing one"));
        }
        if (source.getDatabase() != null) {
            if (observed.source().isEmpty()) {
                return Optional.of(Health.stalled("SourceNotFound", "spec.source.database: no ZeoDatabase \""
                        + source.getDatabase() + "\" in this namespace; create it or name an existing one"));
            }
            var status = observed.source().get().getStatus();
            if (status == null || status.getActiveVolume() == null
                    || !observed.bound(status.getActiveVolume())) {
                return Optional.of(Health.progressing("WaitingForSource", "spec.source.database: ZeoDatabase \""
                        + source.getDatabase() + "\" has no bound active volume yet"));
            }
        }
        return Optional.empty();
    }
}
