package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import org.karlproject.operator.api.Api;

/** Where a new database's data comes from. Exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.volumeSnapshot) ? 1 : 0) + (has(self.database) ? 1 : 0) == 1",
        message = "set exactly one of source.volumeSnapshot or source.database")
public class SourceSpec {

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A VolumeSnapshot in this namespace to restore the new database from.")
    private String volumeSnapshot;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("Another ZeoDatabase in this namespace whose active volume is snapshotted and restored "
            + "into this one (e.g. production copied into staging).")
    private String database;

    public String getVolumeSnapshot() {
        return volumeSnapshot;
    }

    public void setVolumeSnapshot(String volumeSnapshot) {
        this.volumeSnapshot = volumeSnapshot;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
