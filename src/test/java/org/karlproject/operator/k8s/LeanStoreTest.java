package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeanStoreTest {

    private static Deployment deployment(String name, String resourceVersion) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withResourceVersion(resourceVersion).withLabels(Map.of(Labels.SITE, "acme"))
                .withAnnotations(Map.of(LeanStore.LAST_APPLIED, "{\"a whole copy\":true}", ChildWriter.HASH, "h1"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Update").build())
                .endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewMetadata().withLabels(Map.of("app", "karl"))
                .endMetadata().withNewSpec().addNewContainer().withName("karl").withImage("repo@sha256:abc")
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    /** What an informer's watch hands over: a freshly deserialized copy. */
    private static Deployment fromServer(Deployment d) {
        return Serialization.clone(d);
    }

    /** {@code sent} as a fresh store caches it. */
    private static Deployment cached(Deployment sent) {
        LeanStore<Deployment> store = new LeanStore<>();
        store.put(store.getKey(sent), fromServer(sent));
        return store.get("ns/" + sent.getMetadata().getName());
    }

    @Test
    void managedFieldsAndTheLastAppliedCopyNeverEnterTheCacheTheRestDoes() {
        Deployment sent = deployment("acme-3-30", "7");
        Deployment cached = cached(sent);
        assertTrue(cached.getMetadata().getManagedFields().isEmpty());
        assertFalse(cached.getMetadata().getAnnotations().containsKey(LeanStore.LAST_APPLIED));
        assertEquals("h1", ChildWriter.seenHash(cached).orElseThrow());
        assertEquals(Map.of(Labels.SITE, "acme"), cached.getMetadata().getLabels());
        // the pod template stays whole: an edit by hand is found by comparing it (ChildWriter#holdsOwnedFields)
        assertEquals(sent.getSpec().getTemplate(), cached.getSpec().getTemplate());
        assertTrue(LiveFields.hold(cached, new DeploymentBuilder(sent).editMetadata().withManagedFields()
                .withAnnotations(Map.of(ChildWriter.HASH, "h1")).endMetadata().build()));
    }

    @Test
    void aCachedObjectCannotBeChangedInPlaceACopyCan() {
        Deployment cached = cached(deployment("acme-3-30", "7"));
        assertThrows(UnsupportedOperationException.class, () -> cached.getMetadata().getLabels().put("x", "y"));
        Deployment copy = Serialization.clone(cached);
        copy.getMetadata().getLabels().put("x", "y");
        copy.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("A", "1", null));
        assertNull(cached.getMetadata().getLabels().get("x"));
    }

    @Test
    void everyCacheHoldingTheSameVersionHoldsOneInstance() {
        LeanStore<Deployment> siteCache = new LeanStore<>();
        LeanStore<Deployment> databaseCache = new LeanStore<>();
        Deployment v7 = deployment("acme-3-30", "7");
        siteCache.put("ns/acme-3-30", fromServer(v7));
        databaseCache.put("ns/acme-3-30", fromServer(v7));
        assertSame(siteCache.get("ns/acme-3-30"), databaseCache.get("ns/acme-3-30"));

        Deployment v8 = deployment("acme-3-30", "8");
        siteCache.put("ns/acme-3-30", fromServer(v8));
        assertEquals("8", siteCache.get("ns/acme-3-30").getMetadata().getResourceVersion());
        assertEquals("7", databaseCache.get("ns/acme-3-30").getMetadata().getResourceVersion());
        databaseCache.put("ns/acme-3-30", fromServer(v8));
        assertSame(siteCache.get("ns/acme-3-30"), databaseCache.get("ns/acme-3-30"));

        siteCache.remove("ns/acme-3-30");
        assertEquals("8", databaseCache.get("ns/acme-3-30").getMetadata().getResourceVersion());
        assertEquals(1, databaseCache.size());
        assertNull(siteCache.get("ns/acme-3-30"));
    }

    @Test
    void objectsOfTwoSitesShareTheirRepeatedStrings() {
        LeanStore<Deployment> store = new LeanStore<>();
        store.put("ns/a", fromServer(deployment("a", "1")));
        store.put("ns/b", fromServer(deployment("b", "2")));
        Deployment a = store.get("ns/a");
        Deployment b = store.get("ns/b");
        assertNotSame(a, b);
        assertSame(image(a), image(b));
        assertSame(a.getMetadata().getLabels().get(Labels.SITE), b.getMetadata().getLabels().get(Labels.SITE));
        assertEquals(Map.of("app", "karl"), b.getSpec().getTemplate().getMetadata().getLabels());
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void theTotalsCountOneEntryPerCacheAndOneObjectPerSharedVersion() {
        LeanStore<Deployment> site = new LeanStore<>();
        LeanStore<Deployment> database = new LeanStore<>();
        LeanStore.Totals before = LeanStore.totals();
        site.put("ns/x", fromServer(deployment("x", "7")));
        database.put("ns/x", fromServer(deployment("x", "7"))); // the same version through a second informer
        site.put("ns/x", fromServer(deployment("x", "8"))); // a watch event replaces it in one cache
        site.put("ns/y", fromServer(deployment("y", "3")));
        assertEquals(3, site.stored());
        assertEquals(1, database.stored());
        assertEquals(2, site.size());
        LeanStore.Totals after = LeanStore.totals();
        // other stores of this JVM count too (the totals are a whole process's); these two add exactly this
        assertEquals(3, after.entries() - before.entries(), "x twice (two caches) and y");
        assertEquals(4, after.stored() - before.stored());
        assertEquals(3, after.distinct() - before.distinct(), "x at 8, x at 7 (the second cache's), y");
        database.put("ns/x", fromServer(deployment("x", "8")));
        assertEquals(2, LeanStore.totals().distinct() - before.distinct(), "both caches hold the one x at 8");
    }
}
