package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.sim.ApiServer;

/** The one child writer against the embedded API server (no caches: writes go to the server directly). */
class ChildWriterTest {
    private static final String NS = "acme";

    private ApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = ApiServer.start();
        client = server.adminClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ChildWriter writer() {
        return new ChildWriter(client, object -> null);
    }

    private static ConfigMap conf(String value) {
        return new ConfigMapBuilder().withNewMetadata().withName("zeo-conf").withNamespace(NS)
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.OPERATOR)).endMetadata()
                .withData(Map.of("zeo.conf", value)).build();
    }

    private ConfigMap live() {
        return client.configMaps().inNamespace(NS).withName("zeo-conf").get();
    }

    private void ensure(ChildWriter writer, ConfigMap desired) {
        writer.ensure(desired, Optional.ofNullable(live()), desired.getData(),
                (want, current) -> current.setData(want.getData()));
    }

    @Test
    void ensureCreatesThenWritesNothingWhileTheLiveObjectHoldsWhatItOwns() {
        ChildWriter first = writer();
        ensure(first, conf("read-only true"));
        assertTrue(first.wrote());
        assertNotNull(ChildWriter.seenHash(live()).orElse(null), "the content hash is kept in one annotation");
        ChildWriter again = writer();
        ensure(again, conf("read-only true"));
        assertFalse(again.wrote(), "a converged child is not written again");
    }

    @Test
    void ensureUndoesAHandEditAndKeepsOthersAnnotations() {
        ensure(writer(), conf("read-only true"));
        client.configMaps().inNamespace(NS).withName("zeo-conf").edit(cm -> {
            cm.setData(Map.of("zeo.conf", "read-only false"));
            cm.getMetadata().getAnnotations().put("example.com/note", "kept");
            return cm;
        });
        ChildWriter writer = writer();
        ensure(writer, conf("read-only true"));
        assertTrue(writer.wrote());
        assertEquals("read-only true", live().getData().get("zeo.conf"));
        assertEquals("kept", live().getMetadata().getAnnotations().get("example.com/note"));
    }

    @Test
    void aDeleteLeavesAnObjectWithoutItsCreatorsMarkAlone() {
        PersistentVolumeClaim foreign = client.resource(pvc(null)).create();
        assertFalse(writer().delete(foreign));
        assertNotNull(client.persistentVolumeClaims().inNamespace(NS).withName("data").get());
    }

    @Test
    void aDataObjectIsDeletedOnlyAsSeenNotASameNamedOneMadeSince() {
        PersistentVolumeClaim seen = client.resource(pvc("uid-1")).create();
        client.resource(seen).delete();
        client.persistentVolumeClaims().inNamespace(NS).withName("data").waitUntilCondition(p -> p == null,
                5, java.util.concurrent.TimeUnit.SECONDS);
        client.resource(pvc("uid-2")).create();
        assertFalse(writer().delete(seen), "the object seen is gone; the new one is not the decision's");
        assertEquals("uid-2", Labels.ownerUid(client.persistentVolumeClaims().inNamespace(NS).withName("data").get()));
        PersistentVolumeClaim current = client.persistentVolumeClaims().inNamespace(NS).withName("data").get();
        assertTrue(writer().delete(current));
        client.persistentVolumeClaims().inNamespace(NS).withName("data").waitUntilCondition(p -> p == null,
                5, java.util.concurrent.TimeUnit.SECONDS);
        assertNull(client.persistentVolumeClaims().inNamespace(NS).withName("data").get());
    }

    @Test
    void aStoppingOperatorCarriesOutNoIntentOfAPlanDecidedBeforeItsCachesWentAway() {
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        ChildWriter writer = writer().stopsWhen(stopping::get);
        writer.execute(Plan.of(new Intent.Create(conf("a"))));
        assertNotNull(live(), "carried out while the operator runs");
        client.configMaps().inNamespace(NS).withName("zeo-conf").delete();
        client.configMaps().inNamespace(NS).withName("zeo-conf").waitUntilCondition(c -> c == null,
                5, java.util.concurrent.TimeUnit.SECONDS);
        stopping.set(true);
        org.junit.jupiter.api.Assertions.assertThrows(ChildWriter.Stopped.class,
                () -> writer.execute(Plan.of(new Intent.Create(conf("b")))));
        assertNull(live(), "nothing created once the operator stops");
    }

    @Test
    void aScratchDeleteTakesOnlyThatDrillsScratchVolumeOfThatCreatorAsSeen() {
        PersistentVolumeClaim live = client.resource(pvc("uid-db")).create(); // the database's own volume
        assertFalse(writer().deleteScratch(live, "uid-db", "d1"), "a volume without the drill label is no scratch volume");
        PersistentVolumeClaim scratch = client.resource(scratch("scratch", "uid-db", "d1")).create();
        assertFalse(writer().deleteScratch(scratch, "uid-other", "d1"), "another creator's drill");
        assertFalse(writer().deleteScratch(scratch, "uid-db", "d2"), "another drill of the same creator");
        assertFalse(writer().deleteScratch(scratch("scratch", "uid-db", "d1"), "uid-db", "d1"),
                "never unseen: without a resourceVersion there is no precondition");
        client.persistentVolumeClaims().inNamespace(NS).withName("scratch").edit(p -> {
            p.getMetadata().getLabels().put("example.com/touched", "yes");
            return p;
        });
        assertFalse(writer().deleteScratch(scratch, "uid-db", "d1"), "changed since it was seen (409)");
        assertNotNull(client.persistentVolumeClaims().inNamespace(NS).withName("scratch").get());
        PersistentVolumeClaim current = client.persistentVolumeClaims().inNamespace(NS).withName("scratch").get();
        assertTrue(writer().deleteScratch(current, "uid-db", "d1"));
        client.persistentVolumeClaims().inNamespace(NS).withName("scratch").waitUntilCondition(p -> p == null,
                5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(client.persistentVolumeClaims().inNamespace(NS).withName("data").get(), "the live volume stays");
    }

    private static PersistentVolumeClaim scratch(String name, String ownerUid, String drill) {
        PersistentVolumeClaim pvc = pvc(ownerUid);
        pvc.getMetadata().setName(name);
        pvc.getMetadata().setLabels(new java.util.HashMap<>(Map.of(Labels.OWNER_UID, ownerUid, Labels.DRILL, drill)));
        return pvc;
    }

    private static PersistentVolumeClaim pvc(String ownerUid) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace(NS)
                .withLabels(ownerUid == null ? Map.of() : Map.of(Labels.OWNER_UID, ownerUid)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources()
                .endSpec().build();
    }
}
