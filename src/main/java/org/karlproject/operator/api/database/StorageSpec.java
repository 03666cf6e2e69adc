package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** The PersistentVolumeClaims the operator creates for a database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    @Required
    @Pattern(Api.QUANTITY_PATTERN)
    @JsonPropertyDescription("The requested size, a Kubernetes quantity such as 20Gi.")
    private String size;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The StorageClass of the volumes; the cluster default when omitted. It must support "
            + "CSI snapshots for backups and evolve runs.")
    private String storageClassName;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }
}
