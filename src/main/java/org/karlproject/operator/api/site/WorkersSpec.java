package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** KARL's background workers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkersSpec {

    @JsonPropertyDescription("The mail-in daemon.")
    private WorkerSpec mailin;

    @JsonPropertyDescription("The mail-out queue processor.")
    private WorkerSpec mailout;

    @JsonPropertyDescription("The digest sender, on its schedule.")
    private ScheduledWorkerSpec digest;

    public WorkerSpec getMailin() {
        return mailin;
    }

    public void setMailin(WorkerSpec mailin) {
        this.mailin = mailin;
    }

    public WorkerSpec getMailout() {
        return mailout;
    }

    public void setMailout(WorkerSpec mailout) {
        this.mailout = mailout;
    }

    public ScheduledWorkerSpec getDigest() {
        return digest;
    }

    public void setDigest(ScheduledWorkerSpec digest) {
        this.digest = digest;
    }
}
