package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.evolve.CheckJobs;
import org.karlproject.operator.evolve.ChildNames;
import org.karlproject.operator.evolve.RestoredVolume;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.CsiSnapshots;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * Names, labels and the two children of a backup drill, pure builders: the scratch PVC restored from the
 * backup ({@code <db>-drill-<id>}, no ownerReference, like all data; labelled with the drill's id
 * ({@link Labels#DRILL}) and the database's UID: the only kind of volume the operator deletes on its own, and
 * only through {@link org.karlproject.operator.k8s.ChildWriter#deleteScratch}) and the verify Job on it
 * ({@link CheckJobs#verify(CheckJobs.Owner, String, Map, String, String, EnvVar, Map, List)}, owned by the
 * database, labelled as a verify check so the check contract and the simulated cluster treat it as one).
 */
public final class DrillObjects {

    /** Component label of a drill's children. */
    public static final String COMPONENT = "drill";
    /** The name label of a drill's Job and pods: never {@value DatabaseObjects#APP}, so ZEO's selector misses them. */
    public static final String APP = "zeo-drill";
    /** On the scratch volume: the backup it is restored from. */
    public static final String BACKUP_ANNOTATION = Api.GROUP + "/drill-backup";
    /** The verify Job's environment names the drill (as an evolve run's names the run). */
    public static final String ENV_DRILL = "KARL_DRILL";

    private DrillObjects() {
    }

    /** The drill's id: a hash of the database's UID, the backup and what made the drill due. */
    static String id(ZeoDatabase db, String backup, String due) {
        return Names.hash(db.getMetadata().getUid() + "/" + backup + "/" + due).substring(0, 10);
    }

    static String scratchVolume(ZeoDatabase db, String id) {
        return Names.join(Names.MAX_NAME, DatabaseObjects.name(db), "drill", id);
    }

    /** A DNS label: the Job's name becomes its pods' {@code job-name} label. */
    static String job(ZeoDatabase db, String id) {
        return Names.join(Names.MAX_LABEL, DatabaseObjects.name(db), "drill", id);
    }

    /** The scratch PVC: restored from the backup, at least its restoreSize, the database's storage class. */
    static PersistentVolumeClaim scratch(ZeoDatabase db, DrillStatus drill, Optional<String> restoreSize) {
        Map<String, String> labels = Labels.data(DatabaseObjects.APP, COMPONENT, db.getMetadata().getUid());
        labels.put(Labels.DATABASE, Names.join(Names.MAX_LABEL, DatabaseObjects.name(db)));
        labels.put(Labels.DRILL, drill.getId());
        StorageSpec storage = db.getSpec().getStorage();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(drill.getScratchVolume()).withNamespace(db.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(Map.of(BACKUP_ANNOTATION, drill.getBackup())).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.getStorageClassName())
                .withNewDataSource().withApiGroup(CsiSnapshots.GROUP).withKind(CsiSnapshots.KIND)
                .withName(drill.getBackup()).endDataSource()
                .withNewResources().withRequests(Map.of("storage", new Quantity(RestoredVolume.size(restoreSize.orElse(null),
                        storage.getSize())))).endResources()
                .endSpec().build();
    }

    /** The verify Job on the scratch volume, with {@code image} (the release a site serves on the database). */
    static Job verifyJob(ZeoDatabase db, DrillStatus drill, String image, int deadlineSeconds) {
        Map<String, String> labels = Labels.managed(APP, Names.join(Names.MAX_LABEL, DatabaseObjects.name(db)), COMPONENT);
        labels.put(Labels.DATABASE, Names.join(Names.MAX_LABEL, DatabaseObjects.name(db)));
        labels.put(Labels.OWNER_UID, db.getMetadata().getUid());
        labels.put(Labels.DRILL, drill.getId());
        labels.put(Labels.RELEASE, Names.join(Names.MAX_LABEL, drill.getRelease()));
        labels.put(ChildNames.CHECK_LABEL, ChildNames.VERIFY_CHECK);
        CheckJobs.Owner owner = new CheckJobs.Owner(db.getMetadata().getNamespace(), new OwnerReferenceBuilder()
                .withApiVersion(db.getApiVersion()).withKind(db.getKind()).withName(DatabaseObjects.name(db))
                .withUid(db.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build(),
                deadlineSeconds);
        return CheckJobs.verify(owner, drill.getJob(), labels, image, drill.getScratchVolume(),
                new EnvVar(ENV_DRILL, drill.getId(), null), drill.getGenerations(), List.of());
    }

    /** Whether {@code job} is a drill Job this database made (its controller ownerReference carries its UID). */
    static boolean ours(ZeoDatabase db, Job job) {
        return org.karlproject.operator.k8s.Owners.controlledBy(job, db);
    }

    /** Whether {@code pvc} is, as seen, the scratch volume of drill {@code id} of this database. */
    static boolean scratchOf(PersistentVolumeClaim pvc, ZeoDatabase db, String id) {
        return ChildWriter.scratchOf(pvc, db.getMetadata().getUid(), id);
    }

    /** The drill's id a child carries, if any. */
    static Optional<String> drillOf(io.fabric8.kubernetes.api.model.HasMetadata child) {
        return Optional.ofNullable(child.getMetadata().getLabels()).map(l -> l.get(Labels.DRILL));
    }
}
