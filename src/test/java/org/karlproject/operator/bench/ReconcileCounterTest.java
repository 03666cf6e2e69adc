package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.site.KarlSite;

class ReconcileCounterTest {

    private static KarlSite site(String name) {
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("fleet").build());
        return site;
    }

    private static ZeoDatabase database(String name) {
        ZeoDatabase db = new ZeoDatabase();
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("fleet").build());
        return db;
    }

    @Test
    void aReconcilesQueueWaitRunsFromItsSubmissionToItsStartPerKindAndName() {
        ReconcileCounter counter = new ReconcileCounter();
        long before = System.nanoTime();
        counter.reconciliationSubmitted(site("a"), null, Map.of());
        counter.reconciliationSubmitted(database("a"), null, Map.of()); // same name, another kind: its own wait
        counter.reconciliationStarted(site("b"), Map.of()); // never submitted (as seen here): no wait
        counter.reconciliationStarted(database("a"), Map.of());
        counter.reconciliationStarted(site("a"), Map.of());
        counter.reconciliationStarted(site("a"), Map.of()); // a start without a new submission: none either

        List<ReconcileCounter.Wait> waits = counter.waitsSince(before);
        assertEquals(List.of("ZeoDatabase/a", "KarlSite/a"), waits.stream().map(w -> w.kind() + "/" + w.name()).toList());
        assertTrue(waits.stream().allMatch(w -> w.nanos() >= 0 && w.started() - before >= 0));
        assertEquals(List.of(), counter.waitsSince(System.nanoTime()), "only reconciles started after the mark");

        counter.reset();
        assertEquals(List.of(), counter.waitsSince(before));
    }
}
