package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Consent for the kinds of rollback that lose data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackSpec {

    @Default("false")
    @JsonPropertyDescription("Allow a rollback across an evolve run: the database goes back to its retained "
            + "pre-evolve volume and every write since that evolve's switch is discarded.")
    private Boolean allowDataRestore = false;

    public Boolean getAllowDataRestore() {
        return allowDataRestore;
    }

    public void setAllowDataRestore(Boolean allowDataRestore) {
        this.allowDataRestore = allowDataRestore;
    }
}
