package org.karlproject.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void enabledGivesTheLeaseNamedByTheChartDisabledGivesNone() {
        assertEquals("karl-operator", new LeaderElection().leaderElection(true, "karl-operator").getLeaseName());
        assertNull(new LeaderElection().leaderElection(false, "karl-operator"));
    }
}
