package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Rollouts;

/** What the operator owns on ZEO's Deployment and zeo.conf is restored when someone edits it by hand. */
class HandEditScenarioTest extends DatabaseScenario {

    private ZeoDatabase serving() {
        ZeoDatabase db = ready(fresh("prod"));
        awaitZeo("prod", "prod-data-1", false);
        h.timeout(Duration.ofSeconds(20));
        return db;
    }

    private void scaleZeo(int replicas) {
        h.client().apps().deployments().inNamespace(NS).withName("prod-zeo").edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    private void awaitOneZeoServing(ZeoDatabase db) {
        h.awaitThat("the ZEO Deployment back at one replica, rolled out", () -> {
            var d = deployment("prod");
            return d.getSpec().getReplicas() == 1 && Rollouts.complete(d);
        });
        h.awaitCondition(db, "Ready", "True");
        awaitZeo("prod", "prod-data-1", false);
    }

    @Test
    void twoZeoReplicasAreScaledBackToOne() {
        ZeoDatabase db = serving();
        h.step("someone scales ZEO to 2: two servers on one Data.fs");
        scaleZeo(2);
        awaitOneZeoServing(db);
    }

    @Test
    void zeroZeoReplicasAreScaledBackToOne() {
        ZeoDatabase db = serving();
        h.step("someone scales ZEO to 0");
        scaleZeo(0);
        awaitOneZeoServing(db);
    }

    @Test
    void aHandEditedReadOnlyLineInZeoConfIsRestored() {
        ZeoDatabase db = serving();
        String rendered = h.client().configMaps().inNamespace(NS).withName("prod-zeo").get().getData().get("zeo.conf");
        h.step("someone edits zeo.conf to read-only true");
        h.client().configMaps().inNamespace(NS).withName("prod-zeo").edit(c -> {
            c.setData(Map.of("zeo.conf", rendered.replace("read-only false", "read-only true")));
            return c;
        });
        h.awaitThat("zeo.conf restored", () -> rendered.equals(h.client().configMaps().inNamespace(NS)
                .withName("prod-zeo").get().getData().get("zeo.conf")));
        assertTrue(h.get(db).getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready")));
        assertEquals(1, deployment("prod").getSpec().getReplicas());
    }
}
