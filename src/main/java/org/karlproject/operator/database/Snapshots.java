package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Names;

/**
 * CSI VolumeSnapshots ({@code snapshot.storage.k8s.io/v1}) of a database's volumes, as generic resources,
 * with deterministic names so that a restarted operator finds a snapshot instead of taking it twice. No
 * ownerReference: snapshots outlive the resource.
 */
public final class Snapshots {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private Snapshots() {
    }

    /** The scheduled backup for the cron time {@code at}: {@code <db>-backup-20261129-0200}. */
    public static String scheduledName(ZeoDatabase db, Instant at) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "backup", STAMP.format(at));
    }

    /** The on-demand backup for a backup-now nonce. */
    public static String onDemandName(ZeoDatabase db, String nonce) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "backup-now", Names.hash(nonce).substring(0, 10));
    }

    /** The pre-pack snapshot for the pack schedule's time {@code at}: {@code <db>-pack-20261129-0300}. */
    public static String packName(ZeoDatabase db, Instant at) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "pack", STAMP.format(at));
    }

    /** Whether the snapshot was taken before a pack: pruned beyond {@code spec.pack.keepSnapshots}. */
    public static boolean prePack(GenericKubernetesResource snapshot) {
        return BackupTrigger.Pack.name().equals(CsiSnapshots.label(snapshot, DatabaseObjects.BACKUP).orElse(null));
    }

    public static String finalName(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "final");
    }

    /** The snapshot of the source database that seeds this one (creation) or a reseed (nonce). */
    public static String sourceName(ZeoDatabase db, Optional<String> reseedNonce) {
        return reseedNonce.map(n -> Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "reseed",
                Names.hash(n).substring(0, 10)))
                .orElse(Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "seed"));
    }

    /** A snapshot of {@code pvc}, labelled with the database and why it was taken. */
    public static GenericKubernetesResource of(ZeoDatabase db, String name, String pvc, BackupTrigger trigger) {
        var metadata = DatabaseObjects.metadata(db, name, false);
        metadata.getLabels().put(DatabaseObjects.BACKUP, trigger.name());
        return CsiSnapshots.of(metadata, pvc, Optional.ofNullable(db.getSpec().getSnapshots())
                .map(s -> s.getVolumeSnapshotClassName()).orElse(null));
    }

    /** Whether the snapshot is a scheduled backup (its {@value DatabaseObjects#BACKUP} label). */
    public static boolean scheduled(GenericKubernetesResource snapshot) {
        return BackupTrigger.Scheduled.name().equals(CsiSnapshots.label(snapshot, DatabaseObjects.BACKUP).orElse(null));
    }

    /** Whether the snapshot is an on-demand backup (backup-now): pruned only with {@code spec.backup.keepOnDemand}. */
    public static boolean onDemand(GenericKubernetesResource snapshot) {
        return BackupTrigger.OnDemand.name().equals(CsiSnapshots.label(snapshot, DatabaseObjects.BACKUP).orElse(null));
    }
}
