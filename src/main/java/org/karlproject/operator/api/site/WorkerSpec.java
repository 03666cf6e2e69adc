package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** A background worker that runs continuously. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec {

    @Default("true")
    @JsonPropertyDescription("Run this worker.")
    private Boolean enabled = true;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
