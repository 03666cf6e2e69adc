package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

    public String getVolumeSnapshotClassName() {
        return volumeSnapshotClassName;
    }

    public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
        this.volumeSnapshotClassName = volumeSnapshotClassName;
    }
}
