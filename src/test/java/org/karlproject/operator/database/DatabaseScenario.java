package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Duration;
import java.time.Instant;
import org.karlproject.operator.testing.TestClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.VolumeSnapshots;
import org.karlproject.operator.sim.ZeoServer;

/** Boots the simulated cluster with the ZeoDatabase reconciler on a clock the test moves. */
abstract class DatabaseScenario {
    static final String NS = DatabaseFixtures.NS;

    protected final TestClock clock = TestClock.pinnedAt(Instant.now());
    protected SimHarness h;

    @BeforeEach
    void boot() {
        // a plain instance, not a test subclass: Quarkus tests would register any Reconciler class they find
        h = SimHarness.start(() -> List.of(new ZeoDatabaseReconciler(clock, Duration.ofMinutes(10))));
    }

    @AfterEach
    void shutDown() {
        h.close();
    }

    /** A database as a user writes it (no uid, no timestamps). */
    static ZeoDatabase fresh(String name) {
        ZeoDatabase db = DatabaseFixtures.db(name);
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        return db;
    }

    /** Changes a harmless annotation and waits until the reconciler has run again (every reconcile reads the clock). */
    void pokeAndAwaitReconcile(ZeoDatabase db, String value) {
        long before = clock.reads();
        annotate(db, "test/poke", value);
        h.awaitThat("a reconcile after poke " + value, () -> clock.reads() > before);
    }

    ZeoDatabase ready(ZeoDatabase db) {
        h.apply(db);
        return h.awaitCondition(db, "Ready", "True");
    }

    ZeoDatabaseStatus status(ZeoDatabase db) {
        return h.get(db).getStatus();
    }

    /** Sets an annotation on the database, as kubectl annotate would (retrying when the operator wrote meanwhile). */
    void annotate(ZeoDatabase db, String key, String value) {
        h.edit(db, d -> {
            Map<String, String> annotations = new HashMap<>(d.getMetadata().getAnnotations() == null ? Map.of()
                    : d.getMetadata().getAnnotations());
            annotations.put(key, value);
            d.getMetadata().setAnnotations(annotations);
        });
    }

    /** Moves the clock and wakes the reconciler (a harmless annotation change). */
    void moveClockTo(ZeoDatabase db, String instant) {
        clock.set(Instant.parse(instant));
        annotate(db, "test/clock", instant);
    }

    void editSpec(ZeoDatabase db, Consumer<ZeoDatabase> change) {
        h.client().resource(h.get(db)).edit(d -> {
            change.accept(d);
            return d;
        });
    }

    <T extends HasMetadata> T createWithStatus(T object, Consumer<T> status) {
        T created = h.client().resource(object).create();
        return h.client().resource(created).editStatus(o -> {
            status.accept(o);
            return o;
        });
    }

    <T extends HasMetadata> T editStatus(T object, Consumer<T> status) {
        return h.client().resource(h.get(object)).editStatus(o -> {
            status.accept(o);
            return o;
        });
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> snapshots() {
        return VolumeSnapshots.of(h.client());
    }

    List<String> snapshotNames() {
        return snapshots().inNamespace(NS).list().getItems().stream().map(s -> s.getMetadata().getName()).sorted()
                .toList();
    }

    PersistentVolumeClaim pvc(String name) {
        return h.client().persistentVolumeClaims().inNamespace(NS).withName(name).get();
    }

    Deployment deployment(String db) {
        return h.client().apps().deployments().inNamespace(NS).withName(db + "-zeo").get();
    }

    void awaitZeo(String db, String volume, boolean readOnly) {
        ZeoServer expected = new ZeoServer(NS + "/" + db + "-zeo", NS + "/" + volume, readOnly);
        h.awaitThat("ZEO of " + db + " serves " + volume + (readOnly ? " read-only" : " writable"),
                () -> expected.equals(h.cluster().zeoServers().get(NS + "/" + db + "-zeo")));
    }

    List<String> eventReasons(String about) {
        return h.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> about.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
    }
}
