package org.karlproject.operator.api.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The proof, at deletion with {@code deletionPolicy: Snapshot}, that nothing was written after the final
 * snapshot: the live, read-only ZEO server's last transaction asked just before the cut and again once the
 * snapshot is ready. Equal: the snapshot holds every committed transaction; different: something wrote in
 * between, and every volume is retained.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FinalSnapshotCheck {

    @JsonPropertyDescription("The live storage's last transaction id before the final snapshot was cut.")
    private String lastTransactionBefore;

    @JsonPropertyDescription("The live storage's last transaction id once the final snapshot was ready.")
    private String lastTransactionAfter;

    @JsonPropertyDescription("True: both equal, nothing was written after the snapshot, the volumes may go. False: "
            + "a write came after the cut, or a check failed: every volume and snapshot is retained. Unset: not decided "
            + "yet, or no ZEO server ran (nothing could write).")
    private Boolean passed;

    @JsonPropertyDescription("What the check found, in a sentence.")
    private String message;

    public String getLastTransactionBefore() {
        return lastTransactionBefore;
    }

    public void setLastTransactionBefore(String lastTransactionBefore) {
        this.lastTransactionBefore = lastTransactionBefore;
    }

    public String getLastTransactionAfter() {
        return lastTransactionAfter;
    }

    public void setLastTransactionAfter(String lastTransactionAfter) {
        this.lastTransactionAfter = lastTransactionAfter;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
