package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How many replaced volumes are kept for data rollback. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionSpec {

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Previous volumes kept after a switch. A volume a KarlSite still needs for a "
            + "data-restore rollback is kept beyond this count.")
    private Integer keepPreviousVolumes = 1;

    public Integer getKeepPreviousVolumes() {
        return keepPreviousVolumes;
    }

    public void setKeepPreviousVolumes(Integer keepPreviousVolumes) {
        this.keepPreviousVolumes = keepPreviousVolumes;
    }
}
