package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A content hash must not depend on the order of map entries: {@code Map.of} iterates in an order salted
 * per JVM, and a hash that followed it changed on every operator restart (benchmark M3 found children
 * patched by a freshly started operator process).
 */
class ContentHashTest {

    @Test
    void mapEntryOrderDoesNotChangeTheHash() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("deploy.karlproject.org/site", "site-0001");
        one.put("app.kubernetes.io/component", "mailin");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("app.kubernetes.io/component", "mailin");
        other.put("deploy.karlproject.org/site", "site-0001");
        LabelSelector a = new LabelSelectorBuilder().withMatchLabels(one).build();
        LabelSelector b = new LabelSelectorBuilder().withMatchLabels(other).build();
        assertEquals(ContentHash.of(a), ContentHash.of(b));
        assertEquals(ContentHash.canonicalJson(a), ContentHash.canonicalJson(b));
    }

    @Test
    void differentContentHashesDifferently() {
        assertNotEquals(ContentHash.of(Map.of("component", "mailin")), ContentHash.of(Map.of("component", "mailout")));
    }

    /**
     * Every child carries the hash of its content, so a new operator version must compute the same hashes as
     * the one before it, or it patches every child of the fleet once after an upgrade. The hash was first the
     * sorted re-write of the client's JSON string; it is now written from the client's tree directly.
     */
    @Test
    void theHashIsTheSortedRewriteOfTheClientsJson() throws Exception {
        List<Object> contents = List.of(
                new DeploymentSpecBuilder().withReplicas(2).withRevisionHistoryLimit(3).withNewSelector()
                        .addToMatchLabels("b", "2").addToMatchLabels("a", "1").endSelector().withNewTemplate()
                        .withNewMetadata().addToAnnotations("deploy.karlproject.org/x", "y").endMetadata()
                        .withNewSpec().withAutomountServiceAccountToken(false).withTerminationGracePeriodSeconds(30L)
                        .addNewContainer().withName("karl").withImage("karl@sha256:" + "0".repeat(64))
                        .withArgs("serve", "--port=8080").addNewEnv().withName("ZEO").withValue("zeo:8100").endEnv()
                        .withNewResources().addToRequests("cpu", new Quantity("0.5"))
                        .addToLimits("memory", new Quantity("512Mi")).endResources()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("http"))
                        .endHttpGet().withPeriodSeconds(5).endReadinessProbe()
                        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L)
                        .withAllowPrivilegeEscalation(false).endSecurityContext().endContainer().endSpec()
                        .endTemplate().build(),
                new ServiceSpecBuilder().addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080))
                        .endPort().addToSelector("site", "acme").build(),
                new PersistentVolumeClaimSpecBuilder().withAccessModes("ReadWriteOnce").withNewResources()
                        .addToRequests("storage", new Quantity("10Gi")).endResources().build(),
                Map.of("ratio", 0.25, "count", 7, "big", 1L << 40, "on", true, "list", List.of("z", "a"),
                        "nested", Map.of("y", 1.0, "x", "")));
        KubernetesSerialization client = new KubernetesSerialization();
        ObjectMapper sorted = JsonMapper.builder().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true).build();
        for (Object content : contents) {
            String before = sorted.writeValueAsString(sorted.readTree(client.asJson(content)));
            assertEquals(before, ContentHash.canonicalJson(content), content::toString);
        }
    }
}
