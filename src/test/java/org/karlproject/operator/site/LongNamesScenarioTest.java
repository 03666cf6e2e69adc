package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;

/**
 * Names that become label values and Service names: the simulated API server rejects (422) what a real one
 * rejects. A site or database name longer than 63 characters is refused up front (CRD rule and the
 * operator's validation: it names the site's Service and is a label value of every child); the longest
 * accepted names serve, with every derived name and label value valid.
 */
class LongNamesScenarioTest extends SiteScenario {

    private Requests rejected() {
        return h.requests().snapshot().from(OperatorRunner.USER_AGENT).filter(r -> r.status() == 422);
    }

    @Test
    void aSiteAndADatabaseWithSeventyCharacterNamesAreRefusedBeforeAnythingIsCreated() {
        String db = "acme-" + "d".repeat(62) + "-db";
        String site = "acme-" + "s".repeat(60) + "-site";
        assertEquals(70, db.length());
        assertEquals(70, site.length());
        h.timeout(Duration.ofSeconds(30));
        h.step("a database and a site with 70-character names");
        h.apply(SiteFixtures.database(db));
        h.apply(SiteFixtures.site(site, R330, db));
        var stalledDb = h.awaitCondition(SiteFixtures.database(db), "Stalled", "True");
        var stalledSite = h.awaitCondition(ref(site), "Stalled", "True");
        for (var stalled : java.util.List.of(stalledDb, stalledSite)) {
            assertEquals("InvalidSpec", SimHarness.condition(stalled, "Stalled").orElseThrow().get("reason"));
            assertTrue(String.valueOf(SimHarness.condition(stalled, "Stalled").orElseThrow().get("message"))
                    .contains("metadata.name"));
        }
        assertEquals(0, rejected().count(), rejected()::toString);
        assertTrue(h.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                .noneMatch(p -> p.getMetadata().getName().startsWith(db)), "nothing made for the refused database");
    }

    @Test
    void aSiteAndADatabaseWithSixtyThreeCharacterNamesServe() {
        String db = "acme-" + "d".repeat(55) + "-db";
        String site = "acme-" + "s".repeat(53) + "-site";
        assertEquals(63, db.length());
        assertEquals(63, site.length());
        h.step("a database and a site with the longest names accepted");
        h.apply(SiteFixtures.database(db));
        h.awaitCondition(SiteFixtures.database(db), "Ready", "True");
        h.apply(SiteFixtures.site(site, R330, db));
        awaitActive(site, R330);

        h.awaitThat("the workers are created (or refused)", () -> rejected().count() > 0
                || !h.client().batch().v1().cronjobs().inNamespace(NS).list().getItems().isEmpty());

        h.step("no request of the operator was rejected as invalid");
        assertEquals(0, rejected().count(), rejected()::toString);
        assertTrue(h.client().services().inNamespace(NS).list().getItems().stream()
                .allMatch(s -> s.getMetadata().getName().length() <= 63));
        h.assertInvariantsHeld();
    }
}
