package org.karlproject.operator.api.site;

import java.util.Optional;

/**
 * KARL's background workers ({@code spec.workers}): the name of each is its field in {@link WorkersSpec}, the
 * subcommand of the release image it runs and the component label of its workload.
 */
public enum Worker {
    /** The mail-in daemon: a Deployment of one replica. */
    mailin,
    /** The mail-out queue processor: a Deployment of one replica. */
    mailout,
    /** The digest sender: a CronJob on its schedule. */
    digest;

    /** Whether {@code workers} (null: the defaults) leaves this worker enabled. */
    public boolean enabledIn(WorkersSpec workers) {
        WorkersSpec spec = Optional.ofNullable(workers).orElseGet(WorkersSpec::new);
        Boolean enabled = switch (this) {
            case mailin -> spec.getMailin() == null ? null : spec.getMailin().getEnabled();
            case mailout -> spec.getMailout() == null ? null : spec.getMailout().getEnabled();
            case digest -> spec.getDigest() == null ? null : spec.getDigest().getEnabled();
        };
        return !Boolean.FALSE.equals(enabled);
    }
}
