package org.karlproject.operator.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.karlproject.operator.status.Health;

/**
 * Flux and {@code kubectl wait} read the resources through kstatus; Argo CD through the Lua checks. For
 * every status the operator writes, both give the same verdict.
 */
class KstatusTest {

    static final Map<String, Kstatus.Status> ARGO_TO_KSTATUS = Map.of(
            "Healthy", Kstatus.Status.CURRENT,
            "Progressing", Kstatus.Status.IN_PROGRESS,
            "Degraded", Kstatus.Status.FAILED);

    record Sample(String kind, String name, JsonNode obj) {
        @Override
        public String toString() {
            return kind + ": " + name;
        }
    }

    static Stream<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String kind : ArgoLua.KINDS) {
            samples.add(new Sample(kind, "ready", Samples.withStatus(kind, Health.ready("Ready", "ok"), null)));
            samples.add(new Sample(kind, "reconciling", Samples.withStatus(kind, Health.progressing("Working", "w"), null)));
            samples.add(new Sample(kind, "stalled", Samples.withStatus(kind, Health.stalled("InvalidSpec", "spec.x"), null)));
            samples.add(new Sample(kind, "generation behind", Samples.withStatus(kind, 5, 4, Health.ready("Ready", "ok"), null)));
            samples.add(new Sample(kind, "stalled, generation behind",
                    Samples.withStatus(kind, 5, 4, Health.stalled("InvalidSpec", "spec.x"), null)));
        }
        samples.add(new Sample("KarlSite", "aborted (Stalled)", Samples.withStatus("KarlSite",
                Health.stalled("SmokeCheckFailed", "candidate failed"), "Aborted")));
        samples.add(new Sample("KarlSite", "stable", Samples.withStatus("KarlSite", Health.ready("Stable", "ok"), "Stable")));
        samples.add(new Sample("EvolveRun", "failed (Stalled)", Samples.withStatus("EvolveRun",
                Health.stalled("EvolveFailed", "Job failed"), "Failed")));
        samples.add(new Sample("EvolveRun", "succeeded", Samples.withStatus("EvolveRun",
                Health.ready("Succeeded", "done"), "Succeeded")));
        samples.add(new Sample("EvolveRun", "restoring", Samples.withStatus("EvolveRun",
                Health.progressing("Restoring", "r"), "Restoring")));
        return samples.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void argoCdAndKstatusAgree(Sample sample) {
        ArgoLua.Health argo = ArgoLua.health(sample.kind(), sample.obj());
        assertEquals(ARGO_TO_KSTATUS.get(argo.status()), Kstatus.compute(sample.obj()).status(), argo.toString());
    }

    @Test
    void kstatusReadsTheSameMessageAsArgoCd() {
        JsonNode stalled = Samples.withStatus("KarlSite", Health.stalled("InvalidSpec", "spec.hosts[0]: not a host name"), null);
        assertEquals(new Kstatus.Result(Kstatus.Status.FAILED, "spec.hosts[0]: not a host name"), Kstatus.compute(stalled));
        assertEquals("spec.hosts[0]: not a host name", ArgoLua.health("KarlSite", stalled).message());
    }

    @Test
    void theOneDifferenceIsAResourceWithNoStatusYet() {
        // kstatus cannot tell "not reconciled yet" from "has no status" and calls it Current; Argo CD waits.
        // docs/gitops.md shows the Flux healthCheckExprs that close this gap.
        JsonNode fresh = Samples.fresh("KarlSite", 1);
        assertEquals(Kstatus.Status.CURRENT, Kstatus.compute(fresh).status());
        assertEquals("Progressing", ArgoLua.health("KarlSite", fresh).status());
    }

    @Test
    void observedGenerationIsAnInt64AndADeletedResourceIsTerminating() {
        ObjectNode big = Samples.withStatus("ZeoDatabase", 5_000_000_000L, 5_000_000_000L, Health.ready("Ready", "ok"), null);
        assertEquals(Kstatus.Status.CURRENT, Kstatus.compute(big).status());
        ObjectNode text = Samples.withStatus("ZeoDatabase", Health.ready("Ready", "ok"), null);
        ((ObjectNode) text.get("status")).put("observedGeneration", "3");
        assertThrows(IllegalArgumentException.class, () -> Kstatus.compute(text));
        assertEquals(Kstatus.Status.TERMINATING, Kstatus.compute(Samples.deleting(big)).status());
    }

    @Test
    void conditionsAreTheThreeKstatusOnesWithOneTrue() {
        JsonNode conditions = Samples.withStatus("ReleaseIndex", Health.progressing("Resolving", "r"), null)
                .at("/status/conditions");
        assertEquals(List.of("Ready", "Reconciling", "Stalled"),
                Stream.of(0, 1, 2).map(i -> conditions.get(i).path("type").asText()).toList());
        assertEquals(1, Stream.of(0, 1, 2).filter(i -> conditions.get(i).path("status").asText().equals("True")).count());
        conditions.forEach(c -> assertEquals(3, c.path("observedGeneration").asLong()));
    }
}
