package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
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
            List<Backups.Note> notes) {
    }

    private Provisioning() {
    }

    public static Result plan(Observed observed, ZeoDatabaseStatus status) {
        ZeoDatabase db = observed.db();
        SourceSpec source = db.getSpec().getSource();
        List<HasMetadata> create = new ArrayList<>();
        Optional<Health> blocked = sourceProblem(observed);
        if (status.getActiveVolume() == null) {
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
        List<Backups.Note> notes = new ArrayList<>();
        Optional<String> nonce = Backups.annotation(db, DatabaseObjects.RESEED);
        if (source != null && blocked.isEmpty() && nonce.isPresent() && !nonce.get().equals(status.getReseedNonce())) {
            status.setReseedNonce(nonce.get());
            notes.add(new Backups.Note(false, "ReseedStarted", "reseed " + nonce.get() + ": restoring a fresh copy of "
                    + (source.getDatabase() != null ? "ZeoDatabase " + source.getDatabase()
                            : "VolumeSnapshot " + source.getVolumeSnapshot()) + " into "
                    + DatabaseObjects.volumeFor(db, nonce.get())));
        }
        Optional<VolumeSwitch.Target> reseed = Optional.empty();
        if (source != null && status.getReseedNonce() != null) {
            String volume = DatabaseObjects.volumeFor(db, status.getReseedNonce());
            boolean done = volume.equals(status.getActiveVolume())
                    || status.getPreviousVolumes().stream().anyMatch(p -> volume.equals(p.getName()));
            if (!done && observed.bound(volume)) {
                reseed = Optional.of(new VolumeSwitch.Target(volume, "Reseed " + status.getReseedNonce(),
                        observed.source().map(s -> new TreeMap<>(s.getStatus().getGenerations()))
                                .orElseGet(TreeMap::new)));
            } else if (!done && blocked.isEmpty() && !observed.pvcs().containsKey(volume)) {
                create.addAll(volumeFrom(observed, volume, Optional.of(status.getReseedNonce())));
            }
        }
        return new Result(Optional.empty(), create, reseed, notes);
    }

    /** A volume restored from the source (and the snapshot of the source database it needs), or empty. */
    private static List<HasMetadata> volumeFrom(Observed observed, String volume, Optional<String> reseedNonce) {
        ZeoDatabase db = observed.db();
        SourceSpec source = db.getSpec().getSource();
        if (source == null) {
            return List.of(DataVolumes.build(db, volume, Optional.empty()));
        }
        if (source.getVolumeSnapshot() != null) {
            return List.of(DataVolumes.build(db, volume, Optional.of(source.getVolumeSnapshot())));
        }
        String snapshot = Snapshots.sourceName(db, reseedNonce);
        List<HasMetadata> objects = new ArrayList<>();
        if (!observed.snapshots().containsKey(snapshot)) {
            String sourceVolume = observed.source().map(s -> s.getStatus().getActiveVolume()).orElseThrow();
            objects.add(Snapshots.build(db, snapshot, sourceVolume,
                    reseedNonce.isPresent() ? Snapshots.RESEED : Snapshots.SOURCE));
        }
        objects.add(DataVolumes.build(db, volume, Optional.of(snapshot)));
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
