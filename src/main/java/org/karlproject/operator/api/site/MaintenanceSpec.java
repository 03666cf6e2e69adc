package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * When an upgrade that needs an evolve may start on this site (release trains honour it): only inside one of
 * the windows, and only if the expected read-only time fits before that window closes. Upgrades that need no
 * evolve go any time. No windows: any time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceSpec {

    @Size(max = 20)
    @JsonPropertyDescription("Recurring windows in which a release train may start an upgrade that evolves this "
            + "site's database. Empty: any time.")
    private List<MaintenanceWindow> windows = new ArrayList<>();

    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("How long this site's database is expected to stay read-only during an evolve, in "
            + "seconds. Used when no finished EvolveRun of the database recorded its readOnlySeconds (the last "
            + "one that did wins over this estimate).")
    private Integer expectedReadOnlySeconds;

    public List<MaintenanceWindow> getWindows() {
        return windows;
    }

    public void setWindows(List<MaintenanceWindow> windows) {
        this.windows = windows;
    }

    public Integer getExpectedReadOnlySeconds() {
        return expectedReadOnlySeconds;
    }

    public void setExpectedReadOnlySeconds(Integer expectedReadOnlySeconds) {
        this.expectedReadOnlySeconds = expectedReadOnlySeconds;
    }
}
