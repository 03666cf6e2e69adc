package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The proof that nothing was written after the final snapshot: the live storage's last transaction (asked of
 * the running, read-only ZEO just before the switch) equals the evolved copy's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TransactionEvidence {

    @JsonPropertyDescription("The Job that asked ZEO for the live storage's last transaction.")
    private String job;

    @JsonPropertyDescription("The live storage's last transaction id, from the read-only ZEO server.")
    private String liveLastTransaction;

    @JsonPropertyDescription("The evolved copy's last transaction id, from the verify result.")
    private String copyLastTransaction;

    @JsonPropertyDescription("When they were compared (RFC 3339).")
    private String checkedAt;

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getLiveLastTransaction() {
        return liveLastTransaction;
    }

    public void setLiveLastTransaction(String liveLastTransaction) {
        this.liveLastTransaction = liveLastTransaction;
    }

    public String getCopyLastTransaction() {
        return copyLastTransaction;
    }

    public void setCopyLastTransaction(String copyLastTransaction) {
        this.copyLastTransaction = copyLastTransaction;
    }

    public String getCheckedAt() {
        return checkedAt;
    }

    public void setCheckedAt(String checkedAt) {
        this.checkedAt = checkedAt;
    }
}
