package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;

/**
 * One malformed object harms no other. The objects are written straight to the API server, bypassing the
 * CRD's schema, as a real cluster with an older CRD (no {@code required: [spec]}) or a newer operator
 * version would have them; then another site's upgrade with an evolve must still complete.
 */
class MalformedObjectsScenarioTest extends SiteScenario {

    /** Writes {@code kind} {@code name} with this spec (none: null) and then this status, as raw JSON. */
    private void writeRaw(String kind, String name, Object spec, Map<String, Object> status) {
        GenericKubernetesResource raw = new GenericKubernetesResource();
        raw.setApiVersion(Api.API_VERSION);
        raw.setKind(kind);
        raw.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        if (spec != null) {
            raw.setAdditionalProperty("spec", spec);
        }
        var resources = h.client().genericKubernetesResources(Api.API_VERSION, kind).inNamespace(NS);
        resources.resource(raw).create();
        if (status != null) {
            resources.withName(name).editStatus(stored -> {
                stored.setAdditionalProperty("status", status);
                return stored;
            });
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Site acme on 3.30 upgrades to 3.32 (an evolve): it must complete, the database evolved once. */
    private void acmeUpgradesWithAnEvolve() {
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitActive("acme", R332);
        EvolveRun run = h.get(awaitEvolveRun(siteRun("acme", R332)));
        assertEquals(EvolvePhase.Succeeded, run.getStatus().getPhase());
        assertEquals(karl(29), database().getGenerations());
    }

    @Test
    void anEvolveRunAndADatabaseWithoutASpecStopNoOtherDatabase() {
        h.apply(ref("acme"));
        awaitActive("acme", R330);

        h.step("an EvolveRun whose spec was removed (a cluster without required: [spec] admits it) holds "
                + "another database in Switching; a ZeoDatabase without a spec appears too");
        writeRaw("EvolveRun", "orphan-run", null, map("phase", "Switching", "database", "other-db",
                "restoredVolume", "other-db-orphan-run-evolved"));
        writeRaw("ZeoDatabase", "broken-db", null, null);

        h.step("acme upgrades to 3.32, which needs an evolve of acme-db: it completes");
        acmeUpgradesWithAnEvolve();

        h.step("the database without a spec is Stalled, naming the missing spec");
        ZeoDatabase broken = h.awaitCondition(SiteFixtures.database("broken-db"), "Stalled", "True");
        assertEquals("InvalidSpec", org.karlproject.operator.sim.SimHarness.condition(broken, "Stalled")
                .map(c -> c.get("reason")).orElse(null));
    }

    @Test
    void objectsThisVersionCannotReadAreSkippedAndReportedAndTheOperatorKeepsRunning() {
        h.apply(ref("acme"));
        awaitActive("acme", R330);
        double before = unreadableCount();

        h.step("a site with a field of the wrong type appears while the operator runs");
        writeRaw("KarlSite", "wrong-type", map("release", R330, "database", DB, "replicas", "many"), null);

        h.step("a newer operator version wrote a site's status with a phase this version does not know; "
                + "then this version starts again (a downgrade)");
        h.operator().stop();
        writeRaw("KarlSite", "from-the-future", map("release", R330, "database", "future-db"),
                map("phase", "Rehearsing", "activeRelease", R330, "observedGeneration", 1));
        h.operator().start();

        h.step("the operator keeps running: acme upgrades to 3.32 with an evolve");
        acmeUpgradesWithAnEvolve();

        h.step("the wrong type is Stalled as InvalidSpec, naming the field; the newer status is left untouched");
        KarlSite wrong = h.awaitCondition(ref("wrong-type"), "Stalled", "True");
        assertTrue(message(wrong, "Stalled").contains("spec.replicas"), message(wrong, "Stalled"));
        h.awaitThat("a warning event about the unreadable status", () -> h.client().v1().events().inNamespace(NS)
                .list().getItems().stream().anyMatch(e -> "from-the-future".equals(e.getInvolvedObject().getName())
                        && e.getMessage().contains("status.phase")));
        Map<String, Object> future = h.client().genericKubernetesResources(Api.API_VERSION, "KarlSite").inNamespace(NS)
                .withName("from-the-future").get().get("status");
        assertEquals(map("phase", "Rehearsing", "activeRelease", R330, "observedGeneration", 1), future);
        assertTrue(h.client().apps().deployments().inNamespace(NS).withLabel(
                org.karlproject.operator.k8s.Labels.SITE, "from-the-future").list().getItems().isEmpty(),
                "nothing is created for a site whose status cannot be read");
        assertTrue(unreadableCount() > before, "karl_unreadable_objects_total counts them");
        assertNull(h.get(ref("wrong-type")).getSpec());
    }

    /** Micrometer's global registry counts nothing until a registry is added to it (Quarkus adds Prometheus). */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void countMeters() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void stopCounting() {
        Metrics.removeRegistry(meters);
    }

    private double unreadableCount() {
        return meters.find("karl_unreadable_objects_total").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
