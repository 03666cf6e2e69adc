package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the verify Job found on the evolved copy (its termination message), and how long it took. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Verification {

    @JsonPropertyDescription("The verify Job.")
    private String job;

    @JsonPropertyDescription("Whether every check passed (and the Job succeeded).")
    private Boolean passed;

    @JsonPropertyDescription("Each check: name, passed, detail.")
    private List<VerificationCheck> checks = new ArrayList<>();

    @JsonPropertyDescription("How many objects the copy holds.")
    private Long objects;

    @JsonPropertyDescription("How many transactions the copy's storage holds.")
    private Long transactions;

    @JsonPropertyDescription("The copy's last transaction id (hex, as ZODB prints it).")
    private String lastTransaction;

    @JsonPropertyDescription("How long the verify Job took, in seconds.")
    private Long durationSeconds;

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public List<VerificationCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<VerificationCheck> checks) {
        this.checks = checks;
    }

    public Long getObjects() {
        return objects;
    }

    public void setObjects(Long objects) {
        this.objects = objects;
    }

    public Long getTransactions() {
        return transactions;
    }

    public void setTransactions(Long transactions) {
        this.transactions = transactions;
    }

    public String getLastTransaction() {
        return lastTransaction;
    }

    public void setLastTransaction(String lastTransaction) {
        this.lastTransaction = lastTransaction;
    }

    public Long getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Long durationSeconds) {
        this.durationSeconds = durationSeconds;
    }
}
