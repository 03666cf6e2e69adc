package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;

/** A volume that ZEO served before a switch, kept for data rollback. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreviousVolume {

    @JsonPropertyDescription("The PersistentVolumeClaim's name.")
    private String name;

    @JsonPropertyDescription("When ZEO stopped serving it (RFC 3339).")
    private String retiredAt;

    @JsonPropertyDescription("Why it was replaced, e.g. \"EvolveRun acme-3-31\" or \"Reseed\".")
    private String reason;

    @JsonPropertyDescription("The evolve generations of the data on it.")
    private Map<String, Long> generations = new TreeMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRetiredAt() {
        return retiredAt;
    }

    public void setRetiredAt(String retiredAt) {
        this.retiredAt = retiredAt;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Map<String, Long> getGenerations() {
        return generations;
    }

    public void setGenerations(Map<String, Long> generations) {
        this.generations = generations;
    }
}
