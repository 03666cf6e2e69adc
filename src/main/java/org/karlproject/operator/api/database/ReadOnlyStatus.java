package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Effective read-only = spec.readOnly or any holder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReadOnlyStatus {

    @JsonPropertyDescription("Whether ZEO runs read-only now.")
    private Boolean active;

    @JsonPropertyDescription("Who holds the database read-only besides spec.readOnly: evolve runs and read-only sites.")
    private List<ReadOnlyHolder> holders = new ArrayList<>();

    @JsonPropertyDescription("Since when the database has been read-only (RFC 3339).")
    private String since;

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public List<ReadOnlyHolder> getHolders() {
        return holders;
    }

    public void setHolders(List<ReadOnlyHolder> holders) {
        this.holders = holders;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
