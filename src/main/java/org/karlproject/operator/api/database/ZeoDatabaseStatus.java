package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.KarlStatus;

/** The database as it is: which volume ZEO serves, who holds it read-only, its generations, its backups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ZeoDatabaseStatus extends KarlStatus {

    @JsonPropertyDescription("Where clients reach ZEO: host:port of the Service.")
    private String endpoint;

    @JsonPropertyDescription("The PersistentVolumeClaim ZEO serves now. Switched by evolve runs and restores, never by the spec.")
    private String activeVolume;

    @JsonPropertyDescription("Volumes ZEO served before, newest first, kept for data rollback per spec.retention.")
    private List<PreviousVolume> previousVolumes = new ArrayList<>();

    @JsonPropertyDescription("The effective read-only state and who holds it.")
    private ReadOnlyStatus readOnly;

    @JsonPropertyDescription("The evolve generation per manager of the data on the active volume.")
    private Map<String, Long> generations = new TreeMap<>();

    @JsonPropertyDescription("The most recent backup.")
    private BackupRecord lastBackup;

    @JsonPropertyDescription("Recent backups, newest first.")
    private List<BackupRecord> backups = new ArrayList<>();

    @JsonPropertyDescription("The last deploy.karlproject.org/backup-now nonce handled (each nonce is handled once).")
    private String backupNowNonce;

    @JsonPropertyDescription("The reseed under way or last done: the nonce of the last deploy.karlproject.org/reseed "
            + "annotation or release-train reseed handled (each nonce is handled once).")
    private String reseedNonce;

    @JsonPropertyDescription("The last deploy.karlproject.org/reseed annotation nonce handled, once a release train "
            + "has also reseeded this database (until then reseedNonce is the annotation's).")
    private String annotationReseedNonce;

    @JsonPropertyDescription("The last reseed nonce a ReleaseTrain asked for in its status and this database handled.")
    private String trainReseedNonce;

    // ---- snapshot limit (spec.snapshots.limit) ----

    @JsonPropertyDescription("How many VolumeSnapshots of this database exist now, counted against "
            + "spec.snapshots.limit: its own (backups, pre-pack snapshots) and those its evolve runs hold.")
    private Integer snapshotCount;

    public Integer getSnapshotCount() {
        return snapshotCount;
    }

    public void setSnapshotCount(Integer snapshotCount) {
        this.snapshotCount = snapshotCount;
    }

    // ---- end of snapshot limit ----

    // ---- the last-transaction check at deletion (deletionPolicy: Snapshot) ----

    @JsonPropertyDescription("At deletion with deletionPolicy Snapshot: the live ZEO server's last transaction before "
            + "the final snapshot and after it, and whether they matched (the volumes are deleted only then).")
    private FinalSnapshotCheck finalCheck;

    public FinalSnapshotCheck getFinalCheck() {
        return finalCheck;
    }

    public void setFinalCheck(FinalSnapshotCheck finalCheck) {
        this.finalCheck = finalCheck;
    }

    // ---- end of the last-transaction check at deletion ----

    // ---- what the last data-restore rollback discards ----

    @JsonPropertyDescription("The last data-restore rollback: which transactions switching back to the retained "
            + "volume discards, asked of the live, read-only ZEO server before the switch.")
    private RollbackDiscard rollbackDiscard;

    public RollbackDiscard getRollbackDiscard() {
        return rollbackDiscard;
    }

    public void setRollbackDiscard(RollbackDiscard rollbackDiscard) {
        this.rollbackDiscard = rollbackDiscard;
    }

    // ---- end of what the last data-restore rollback discards ----

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getActiveVolume() {
        return activeVolume;
    }

    public void setActiveVolume(String activeVolume) {
        this.activeVolume = activeVolume;
    }

    public List<PreviousVolume> getPreviousVolumes() {
        return previousVolumes;
    }

    public void setPreviousVolumes(List<PreviousVolume> previousVolumes) {
        this.previousVolumes = previousVolumes;
    }

    public ReadOnlyStatus getReadOnly() {
        return readOnly;
    }

    public void setReadOnly(ReadOnlyStatus readOnly) {
        this.readOnly = readOnly;
    }

    public Map<String, Long> getGenerations() {
        return generations;
    }

    public void setGenerations(Map<String, Long> generations) {
        this.generations = generations;
    }

    public BackupRecord getLastBackup() {
        return lastBackup;
    }

    public void setLastBackup(BackupRecord lastBackup) {
        this.lastBackup = lastBackup;
    }

    public List<BackupRecord> getBackups() {
        return backups;
    }

    public void setBackups(List<BackupRecord> backups) {
        this.backups = backups;
    }

    public String getBackupNowNonce() {
        return backupNowNonce;
    }

    public void setBackupNowNonce(String backupNowNonce) {
        this.backupNowNonce = backupNowNonce;
    }

    public String getReseedNonce() {
        return reseedNonce;
    }

    public void setReseedNonce(String reseedNonce) {
        this.reseedNonce = reseedNonce;
    }

    public String getAnnotationReseedNonce() {
        return annotationReseedNonce;
    }

    public void setAnnotationReseedNonce(String annotationReseedNonce) {
        this.annotationReseedNonce = annotationReseedNonce;
    }

    public String getTrainReseedNonce() {
        return trainReseedNonce;
    }

    public void setTrainReseedNonce(String trainReseedNonce) {
        this.trainReseedNonce = trainReseedNonce;
    }

    // ---- backup drills (issue #17) ----
    @JsonPropertyDescription("The newest backup a drill verified (kept after the backup itself is pruned).")
    private BackupRecord lastVerifiedBackup;

    @JsonPropertyDescription("The drill in progress, or the last one.")
    private DrillStatus drill;

    public BackupRecord getLastVerifiedBackup() {
        return lastVerifiedBackup;
    }

    public void setLastVerifiedBackup(BackupRecord lastVerifiedBackup) {
        this.lastVerifiedBackup = lastVerifiedBackup;
    }

    public DrillStatus getDrill() {
        return drill;
    }

    public void setDrill(DrillStatus drill) {
        this.drill = drill;
    }
    // ---- end of backup drills ----

    @JsonPropertyDescription("The pack in progress, or the last one (spec.pack).")
    private PackStatus pack;

    public PackStatus getPack() {
        return pack;
    }

    public void setPack(PackStatus pack) {
        this.pack = pack;
    }
}
