package org.karlproject.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.Unreadable;
import org.karlproject.operator.api.site.KarlSite;

/**
 * A primary's spec is judged once per generation (its status writes give it new resourceVersions, not new
 * rules to pass); what this version could not read of it is judged on every version.
 */
class InvalidSpecTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** One object per test: the memo is the process's own. */
    final String uid = UUID.randomUUID().toString();

    private KarlSite stored(long generation, String resourceVersion) throws IOException {
        JsonNode site = YAML.readValues(YAML.getFactory().createParser(Path.of("src", "test", "resources", "valid",
                "sites.yaml").toFile()), JsonNode.class).readAll().get(1);
        KarlSite typed = new KubernetesSerialization().convertValue(site, KarlSite.class);
        typed.getMetadata().setUid(uid);
        typed.getMetadata().setGeneration(generation);
        typed.getMetadata().setResourceVersion(resourceVersion);
        return typed;
    }

    @Test
    void aNewGenerationIsJudgedAgain() throws IOException {
        assertTrue(StatusWriter.invalidSpec(stored(1, "10")).isEmpty());
        KarlSite broken = stored(2, "11");
        broken.getSpec().setReplicas(-1);

        Health verdict = StatusWriter.invalidSpec(broken).orElseThrow();

        assertEquals(StatusWriter.INVALID_SPEC, verdict.reason());
        assertTrue(verdict.message().contains("spec.replicas"), verdict.message());
    }

    @Test
    void aStatusThisVersionCannotReadIsFoundAtAGenerationAlreadyJudged() throws IOException {
        assertTrue(StatusWriter.invalidSpec(stored(1, "20")).isEmpty());
        KarlSite unreadable = stored(1, "21");
        unreadable.getMetadata().setAnnotations(Map.of(Unreadable.STATUS, "status.phase: unknown value \"Later\""));

        Health verdict = StatusWriter.invalidSpec(unreadable).orElseThrow();

        assertTrue(verdict.message().startsWith("status: cannot be read"), verdict.message());
    }
}
