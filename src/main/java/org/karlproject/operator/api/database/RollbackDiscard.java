package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What a data-restore rollback discards, asked of the live ZEO server before the database switches back to
 * a retained volume: every transaction after the one the evolve's switch recorded, up to the last one now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackDiscard {

    @JsonPropertyDescription("The KarlSite whose status.dataRestore asked for the rollback.")
    private String site;

    @JsonPropertyDescription("The request's requestedAt: which request this record answers.")
    private String requestedAt;

    @JsonPropertyDescription("The retained volume served again.")
    private String volume;

    @JsonPropertyDescription("The volume served until the rollback, whose later transactions are discarded.")
    private String discardedVolume;

    @JsonPropertyDescription("The live storage's last transaction at the evolve's switch (the run's status.evidence): "
            + "the transactions after it are discarded. Unset when no run recorded one.")
    private String afterTransaction;

    @JsonPropertyDescription("The live storage's last transaction just before the rollback, asked of the read-only "
            + "ZEO server: the last one discarded.")
    private String upToTransaction;

    @JsonPropertyDescription("What the rollback discards, in a sentence.")
    private String message;

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(String requestedAt) {
        this.requestedAt = requestedAt;
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getDiscardedVolume() {
        return discardedVolume;
    }

    public void setDiscardedVolume(String discardedVolume) {
        this.discardedVolume = discardedVolume;
    }

    public String getAfterTransaction() {
        return afterTransaction;
    }

    public void setAfterTransaction(String afterTransaction) {
        this.afterTransaction = afterTransaction;
    }

    public String getUpToTransaction() {
        return upToTransaction;
    }

    public void setUpToTransaction(String upToTransaction) {
        this.upToTransaction = upToTransaction;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
