package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One hold on a database's read-only mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReadOnlyHolder {

    @JsonPropertyDescription("The holder's kind: EvolveRun or KarlSite.")
    private HolderKind kind;

    @JsonPropertyDescription("The holder's name in this namespace.")
    private String name;

    @JsonPropertyDescription("When the hold was taken (RFC 3339).")
    private String since;

    public HolderKind getKind() {
        return kind;
    }

    public void setKind(HolderKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
