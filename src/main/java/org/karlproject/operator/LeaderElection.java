package org.karlproject.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election through a Lease, so that more than one replica is safe: only the leader reconciles.
 * The operator SDK extension looks this bean up at start (in the profiles listed by
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}, {@code prod} by default) and runs
 * without leader election when it is null. The Helm chart sets {@code KARL_LEADER_ELECTION_ENABLED} and
 * {@code KARL_LEADER_ELECTION_LEASE_NAME}; the Lease lives in the operator's own namespace.
 */
public class LeaderElection {

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "karl.leader-election.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "karl.leader-election.lease-name", defaultValue = "karl-operator-lease") String lease) {
        return enabled ? new LeaderElectionConfiguration(lease) : null;
    }
}
