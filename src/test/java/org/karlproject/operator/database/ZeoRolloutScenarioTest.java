package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;

/**
 * Read-only is reported only once ZEO runs read-only: the simulated Deployment controller writes the
 * statuses a real one writes during a Recreate rollout (the new generation observed while the old, writable
 * pod still counts as ready), and the invariant monitor records any moment at which the database said
 * read-only while a writable ZEO ran.
 */
class ZeoRolloutScenarioTest extends DatabaseScenario {

    @Test
    void readOnlyIsReportedOnlyOnceTheWritableZeoIsGone() {
        h.step("a writable database");
        ZeoDatabase db = ready(fresh("prod"));
        awaitZeo("prod", "prod-data-1", false);

        h.step("spec.readOnly: the old writable pod is still counted ready while the read-only one rolls out");
        editSpec(db, d -> d.getSpec().setReadOnly(true));
        h.await(db, "read-only active", d -> Boolean.TRUE.equals(d.getStatus().getReadOnly().getActive()));
        assertTrue(h.cluster().zeoServers().get(NS + "/prod-zeo").readOnly(), "ZEO runs read-only once reported");

        h.step("and back to writable: read-only is no longer claimed once a writable template rolls");
        editSpec(db, d -> d.getSpec().setReadOnly(false));
        awaitZeo("prod", "prod-data-1", false);
        h.await(db, "writable", d -> !d.getStatus().getReadOnly().getActive());
        h.awaitCondition(db, "Ready", "True");
        h.assertInvariantsHeld();
    }
}
