package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** How the operator snapshots this database's volumes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SnapshotSpec {

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The VolumeSnapshotClass for backups and evolve runs; the cluster default when omitted.")
    private String volumeSnapshotClassName;

    /** The limit when {@code spec.snapshots} or its {@code limit} is omitted. */
    public static final int DEFAULT_LIMIT = 100;

    @Default("100")
    @Min(4)
    @Max(10000)
    @JsonPropertyDescription("The most VolumeSnapshots of this database that may exist at once: its backups, its "
            + "pre-pack snapshots and the snapshots evolve runs take of it (not the final snapshot taken at "
            + "deletion, never blocked). At the limit the database is Stalled (reason SnapshotLimitReached), takes no "
            + "new scheduled, on-demand or pre-pack snapshot, and no evolve run starts on it until snapshots are "
            + "pruned, deleted or the limit is raised; nothing is deleted to make room.")
    private Integer limit = DEFAULT_LIMIT;

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getVolumeSnapshotClassName() {
        return volumeSnapshotClassName;
    }

    public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
        this.volumeSnapshotClassName = volumeSnapshotClassName;
    }
}
