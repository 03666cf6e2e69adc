package org.karlproject.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;

/** Objects the model cannot fully read are read anyway, with the unreadable part left out and marked. */
class UnreadableTest {

    static final KubernetesSerialization JSON = new KubernetesSerialization();

    static String site(String name, String spec, String status) {
        return "{\"apiVersion\":\"deploy.karlproject.org/v1alpha1\",\"kind\":\"KarlSite\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"default\"},\"spec\":" + spec + (status == null ? "" : ",\"status\":" + status)
                + "}";
    }

    @Test
    void aReadableObjectIsReadAsBeforeAndCarriesNoMark() {
        KarlSite site = JSON.unmarshal(site("a", "{\"release\":\"r\",\"database\":\"d\",\"replicas\":2}",
                "{\"phase\":\"Stable\"}"), KarlSite.class);
        assertEquals(2, site.getSpec().getReplicas());
        assertEquals(RolloutPhase.Stable, site.getStatus().getPhase());
        assertTrue(Unreadable.spec(site).isEmpty() && Unreadable.status(site).isEmpty());
    }

    @Test
    void aWrongTypeInTheSpecLeavesTheSpecOutAndKeepsTheStatus() {
        KarlSite site = JSON.unmarshal(site("a", "{\"release\":\"r\",\"database\":\"d\",\"replicas\":\"many\"}",
                "{\"phase\":\"Stable\",\"activeRelease\":\"r\"}"), KarlSite.class);
        assertNull(site.getSpec());
        assertEquals("r", site.getStatus().getActiveRelease());
        String reason = Unreadable.spec(site).orElseThrow();
        assertTrue(reason.startsWith("spec.replicas: "), reason);
        assertTrue(Unreadable.status(site).isEmpty());
        assertEquals("a", site.getMetadata().getName());
    }

    @Test
    void anEnumValueOfANewerVersionInTheStatusLeavesTheStatusOut() {
        KarlSite site = JSON.unmarshal(site("a", "{\"release\":\"r\",\"database\":\"d\"}",
                "{\"phase\":\"Rehearsing\"}"), KarlSite.class);
        assertEquals("r", site.getSpec().getRelease());
        assertNull(site.getStatus());
        String reason = Unreadable.status(site).orElseThrow();
        assertTrue(reason.startsWith("status.phase: ") && reason.contains("Rehearsing"), reason);
    }

    @Test
    void bothPartsUnreadable() {
        EvolveRun run = JSON.unmarshal("{\"apiVersion\":\"deploy.karlproject.org/v1alpha1\",\"kind\":\"EvolveRun\","
                + "\"metadata\":{\"name\":\"x\"},\"spec\":\"oops\",\"status\":{\"phase\":\"Rehearsing\"}}", EvolveRun.class);
        assertNull(run.getSpec());
        assertNull(run.getStatus());
        assertTrue(Unreadable.spec(run).isPresent() && Unreadable.status(run).isPresent());
    }

    @Test
    void oneBadItemDoesNotFailTheListAndTheMarkSurvivesACopy() {
        String list = "{\"apiVersion\":\"deploy.karlproject.org/v1alpha1\",\"kind\":\"KarlSiteList\",\"metadata\":{},"
                + "\"items\":[" + site("good", "{\"release\":\"r\",\"database\":\"d\"}", null) + ","
                + site("bad", "{\"release\":\"r\",\"database\":\"d\",\"mode\":\"Frozen\"}", null) + "]}";
        KubernetesResourceList<KarlSite> read = JSON.unmarshal(list, KarlSiteListType.class);
        assertEquals(2, read.getItems().size());
        assertNotNull(read.getItems().get(0).getSpec());
        KarlSite bad = read.getItems().get(1);
        assertTrue(Unreadable.spec(bad).orElseThrow().contains("spec.mode"), Unreadable.spec(bad).orElseThrow());
        KarlSite copy = JSON.clone(bad);
        assertEquals(Unreadable.spec(bad), Unreadable.spec(copy));
    }

    /** A list type as the client builds it for KarlSite. */
    static class KarlSiteListType extends DefaultKubernetesResourceList<KarlSite> {
    }
}
