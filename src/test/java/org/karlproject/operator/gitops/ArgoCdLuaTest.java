package org.karlproject.operator.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.karlproject.operator.status.Health;

/** The Argo CD health checks and actions under docs/gitops/, run in a Lua engine as Argo CD runs them. */
class ArgoCdLuaTest {

    static final Path GITOPS_MD = Path.of("docs", "gitops.md");
    static final String BEGIN = "<!-- BEGIN argocd-cm: generated from docs/gitops/*/*.lua by ArgoCdLuaTest; refresh with "
            + "mvn -B test -Dtest=ArgoCdLuaTest -Dkarl.docs.update=true -->";
    static final String END = "<!-- END argocd-cm -->";

    @ParameterizedTest
    @ValueSource(strings = {"ReleaseIndex", "ZeoDatabase", "KarlSite", "EvolveRun", "ReleaseTrain"})
    void everyKindReadsHealthyProgressingAndDegraded(String kind) {
        assertEquals(new ArgoLua.Health("Healthy", "all good"),
                ArgoLua.health(kind, Samples.withStatus(kind, Health.ready("Ready", "all good"), null)));
        assertEquals(new ArgoLua.Health("Progressing", "deploying 3.31"),
                ArgoLua.health(kind, Samples.withStatus(kind, Health.progressing("Deploying", "deploying 3.31"), null)));
        assertEquals(new ArgoLua.Health("Degraded", "spec.release: no ReleaseIndex acme-9"),
                ArgoLua.health(kind, Samples.withStatus(kind, Health.stalled("InvalidSpec",
                        "spec.release: no ReleaseIndex acme-9"), null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ReleaseIndex", "ZeoDatabase", "KarlSite", "EvolveRun", "ReleaseTrain"})
    void noStatusYetOrAnUnobservedGenerationIsProgressing(String kind) {
        assertEquals("Progressing", ArgoLua.health(kind, Samples.fresh(kind, 1)).status());
        ArgoLua.Health behind = ArgoLua.health(kind, Samples.withStatus(kind, 4, 3, Health.ready("Ready", "ok"), null));
        assertEquals(new ArgoLua.Health("Progressing", "Waiting for the operator to observe generation 4"), behind);
        // A Stalled verdict about an older spec is not the last word: the operator has not seen the fix yet.
        assertEquals("Progressing", ArgoLua.health(kind,
                Samples.withStatus(kind, 4, 3, Health.stalled("InvalidSpec", "bad"), null)).status());
    }

    /** Kind, verdict, phase, and what Argo CD must show: a phase can overrule the conditions. */
    static Stream<Arguments> phases() {
        String smoke = "candidate 3.31 failed its smoke check; 3.30 still serves";
        String evolve = "evolve Job failed: step karl 12 raised KeyError";
        return Stream.of(
                // An aborted rollout is Degraded even while the previous release serves.
                Arguments.of("KarlSite", Health.ready("Aborted", smoke), "Aborted", "Degraded", "Rollout aborted: " + smoke),
                Arguments.of("KarlSite", Health.ready("Stable", "3.31 serves"), "Stable", "Healthy", "3.31 serves"),
                Arguments.of("KarlSite", Health.progressing("Evolving", "evolving"), "Evolving", "Progressing", "evolving"),
                // A finished evolve run is judged by its phase.
                Arguments.of("EvolveRun", Health.stalled("EvolveFailed", evolve), "Failed", "Degraded", evolve),
                Arguments.of("EvolveRun", Health.ready("Succeeded", "evolved"), "Succeeded", "Healthy", "Evolve run succeeded"),
                Arguments.of("EvolveRun", Health.progressing("Restoring", "restoring"), "Restoring", "Progressing", "restoring"),
                // A paused train is Suspended; a halted or aborted one Degraded by its Stalled condition.
                Arguments.of("ReleaseTrain", Health.progressing("Paused", "spec.paused: no new site starts; 2/6 done"),
                        "Paused", "Suspended", "spec.paused: no new site starts; 2/6 done"),
                Arguments.of("ReleaseTrain", Health.stalled("FailureBudgetExceeded", "2 sites failed (budget 1)"),
                        "Halted", "Degraded", "2 sites failed (budget 1)"),
                Arguments.of("ReleaseTrain", Health.stalled("Aborted", "spec.abort at 2026-12-01T10:00:00Z"),
                        "Aborted", "Degraded", "spec.abort at 2026-12-01T10:00:00Z"),
                Arguments.of("ReleaseTrain", Health.progressing("Progressing", "Production, wave 2: 4/6 done"),
                        "Progressing", "Progressing", "Production, wave 2: 4/6 done"));
    }

    @ParameterizedTest
    @MethodSource("phases")
    void phasesThatDecideHealth(String kind, Health verdict, String phase, String status, String message) {
        assertEquals(new ArgoLua.Health(status, message), ArgoLua.health(kind, Samples.withStatus(kind, verdict, phase)));
    }

    @Test
    void backupNowSetsANewNonceAndIsOfferedForLiveDatabases() {
        JsonNode db = Samples.withStatus("ZeoDatabase", Health.ready("Ready", "serving"), null);
        JsonNode discovery = ArgoLua.toJson(ArgoLua.run(ArgoLua.zeoDatabaseActions().get("discovery"), db));
        assertFalse(discovery.at("/backup-now/disabled").asBoolean(true), discovery.toString());
        JsonNode discoveryDeleting = ArgoLua.toJson(ArgoLua.run(ArgoLua.zeoDatabaseActions().get("discovery"),
                Samples.deleting(db)));
        assertTrue(discoveryDeleting.at("/backup-now/disabled").asBoolean(), "no backup of a database being deleted");

        JsonNode after = ArgoLua.toJson(ArgoLua.run(ArgoLua.zeoDatabaseActions().get("backup-now"), db));
        String nonce = after.at("/metadata/annotations/deploy.karlproject.org~1backup-now").asText();
        assertTrue(nonce.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), nonce);
        assertEquals(db.get("spec"), after.get("spec"), "the action changes only the annotation");
        assertEquals(db.at("/metadata/name"), after.at("/metadata/name"));

        ((ObjectNode) after.get("metadata")).with("annotations")
                .put("deploy.karlproject.org/backup-now", "earlier");
        JsonNode again = ArgoLua.toJson(ArgoLua.run(ArgoLua.zeoDatabaseActions().get("backup-now"), after));
        assertNotEquals("earlier", again.at("/metadata/annotations/deploy.karlproject.org~1backup-now").asText());
    }

    @Test
    void gitopsDocCarriesTheScriptsAsArgoCdRunsThem() throws IOException {
        String expected = BEGIN + "\n```yaml\n" + ArgoCdConfig.argocdCm() + "```\n" + END;
        String doc = Files.readString(GITOPS_MD);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, GITOPS_MD + " lacks the generated argocd-cm block");
        if (Boolean.getBoolean("karl.docs.update")) {
            doc = doc.substring(0, begin) + expected + doc.substring(end + END.length());
            Files.writeString(GITOPS_MD, doc);
        }
        assertEquals(expected, doc.substring(begin, doc.indexOf(END) + END.length()), GITOPS_MD
                + ": the argocd-cm block differs from docs/gitops/; refresh it with -Dkarl.docs.update=true");
        // And the block is valid YAML that gives Argo CD exactly the scripts tested above.
        JsonNode cm = new ObjectMapper(new YAMLFactory()).readTree(ArgoCdConfig.argocdCm());
        for (String kind : ArgoLua.KINDS) {
            assertEquals(ArgoLua.healthScript(kind),
                    cm.at("/data/resource.customizations.health.deploy.karlproject.org_" + kind).asText());
        }
        JsonNode actions = new ObjectMapper(new YAMLFactory()).readTree(
                cm.at("/data/resource.customizations.actions.deploy.karlproject.org_ZeoDatabase").asText());
        assertEquals(ArgoLua.zeoDatabaseActions().get("discovery"), actions.path("discovery.lua").asText());
        assertEquals("backup-now", actions.at("/definitions/0/name").asText());
        assertEquals(ArgoLua.zeoDatabaseActions().get("backup-now"), actions.at("/definitions/0/action.lua").asText());
    }
}
