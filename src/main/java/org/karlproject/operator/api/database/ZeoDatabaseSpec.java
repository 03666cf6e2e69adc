package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import org.karlproject.operator.api.Api;

/** The desired ZEO server. The volume it serves is status, not spec: see status.activeVolume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ZeoDatabaseSpec {

    @Required
    @Size(max = 512)
    @Pattern(Api.IMAGE_DIGEST_PATTERN)
    @JsonPropertyDescription("The ZEO server image, pinned by digest: <repository>@sha256:<64 lowercase hex>.")
    private String image;

    @Default("8100")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("The TCP port ZEO listens on and the Service exposes.")
    private Integer port = 8100;

    @Default("1000")
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("ZEO's invalidation-queue-size: how many invalidations a reconnecting client may catch up on.")
    private Integer invalidationQueueSize = 1000;

    @Required
    @JsonPropertyDescription("The volume the operator creates for the FileStorage (Data.fs) and the blob directory.")
    private StorageSpec storage;

    @JsonPropertyDescription("How volume snapshots of this database are taken.")
    private SnapshotSpec snapshots;

    @JsonPropertyDescription("Scheduled backups as VolumeSnapshots. Omit for none.")
    private BackupSpec backup;

    @JsonPropertyDescription("Pack the FileStorage on a schedule (zeo pack against the live server, after a "
            + "pre-pack snapshot). Omit for none.")
    private PackSpec pack;

    @JsonPropertyDescription("Create the database from existing data instead of empty. Exactly one of "
            + "volumeSnapshot or database. The source is never modified.")
    private SourceSpec source;

    @Default("false")
    @JsonPropertyDescription("Serve the database read-only (ZEO read-only true). Evolve runs and read-only sites "
            + "also hold it read-only; status.readOnly shows the effective state.")
    private Boolean readOnly = false;

    @JsonPropertyDescription("How many previous volumes (from evolve runs and restores) are kept.")
    private RetentionSpec retention;

    @Default("Retain")
    @JsonPropertyDescription("What deletion of this resource does to the data: Retain (the default) keeps volumes "
            + "and snapshots; Snapshot takes a final snapshot, then deletes the volumes; Delete deletes the volumes.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    @JsonPropertyDescription("Compute resources of the ZEO container.")
    private ResourceRequirements resources;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Integer getInvalidationQueueSize() {
        return invalidationQueueSize;
    }

    public void setInvalidationQueueSize(Integer invalidationQueueSize) {
        this.invalidationQueueSize = invalidationQueueSize;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public SnapshotSpec getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(SnapshotSpec snapshots) {
        this.snapshots = snapshots;
    }

    public BackupSpec getBackup() {
        return backup;
    }

    public void setBackup(BackupSpec backup) {
        this.backup = backup;
    }

    public PackSpec getPack() {
        return pack;
    }

    public void setPack(PackSpec pack) {
        this.pack = pack;
    }

    public SourceSpec getSource() {
        return source;
    }

    public void setSource(SourceSpec source) {
        this.source = source;
    }

    public Boolean getReadOnly() {
        return readOnly;
    }

    public void setReadOnly(Boolean readOnly) {
        this.readOnly = readOnly;
    }

    public RetentionSpec getRetention() {
        return retention;
    }

    public void setRetention(RetentionSpec retention) {
        this.retention = retention;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
