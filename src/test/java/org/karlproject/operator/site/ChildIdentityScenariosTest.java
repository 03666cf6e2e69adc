package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.karl;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.RollbackSpec;
import org.karlproject.operator.sim.SimHarness;

/**
 * Invariant 3 across a data-restore rollback: rolling forward again, the site's run of the same name
 * must not reuse the snapshots and copy of the run before the restore (a copy missing every write since,
 * and one the database has served already: it would wait in Switching forever, the database read-only).
 */
class ChildIdentityScenariosTest extends SiteScenario {

    @Test
    void aRollForwardAfterADataRestoreNeverReusesTheEarlierRunsCopy() {
        h.step("acme on 3.30, upgraded to 3.32 with an evolve; then a consented data-restore rollback to 3.30");
        h.apply(ref("acme"));
        awaitActive("acme", R330);
        awaitDatabase("to record karl 28", db -> karl(28).equals(db.getGenerations()));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitActive("acme", R332);
        PreviousVolume original = awaitDatabase("to serve karl 29", db -> karl(29).equals(db.getGenerations()))
                .getStatus().getPreviousVolumes().get(0);
        String run = SiteNames.evolveRun("acme", R332);
        String copy = database().getActiveVolume();
        editSpec("acme", spec -> {
            spec.setRelease(R330);
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
        });
        awaitActive("acme", R330);
        assertEquals(original.getName(), database().getActiveVolume());

        h.step("users write on the restored volume; ops roll forward to 3.32 and delete the outdated run");
        long mark = h.lineage().lastWriteId();
        h.awaitThat("writes after the restore", () -> h.lineage().writesTo(SiteFixtures.NS, original.getName())
                .stream().anyMatch(w -> w.id() > mark));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitSite("acme", "to say its run is outdated", s -> "EvolveRunOutdated".equals(reason(s, "Reconciling")));
        EvolveRun outdated = h.client().resources(EvolveRun.class).inNamespace(SiteFixtures.NS).withName(run).get();
        h.client().resource(outdated).delete();
        h.awaitDeleted(outdated);

        h.step("the site's new run of the same name finds the old run's -base, -final and -evolved: not its own");
        EvolveRun again = h.await(awaitEvolveRun(run), "to finish", r -> r.getStatus() != null
                && r.getStatus().getPhase() != null && r.getStatus().getPhase().isTerminal()
                && !r.getMetadata().getUid().equals(outdated.getMetadata().getUid()));
        assertEquals(EvolvePhase.Failed, again.getStatus().getPhase());
        Map<String, Object> stalled = SimHarness.condition(again, "Stalled").orElseThrow();
        assertEquals("NameTaken", stalled.get("reason"), stalled::toString);
        assertNull(again.getStatus().getReadOnlySince(), "never read-only");

        h.step("the database keeps the restored volume, writable, with every write; the old copy is untouched");
        h.awaitThat("writable", () -> !Boolean.TRUE.equals(database().getReadOnly().getActive()));
        assertEquals(original.getName(), database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        assertTrue(h.client().persistentVolumeClaims().inNamespace(SiteFixtures.NS).withName(copy).get() != null);
    }
}
