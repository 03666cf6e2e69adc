package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.karl;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.RetentionSpec;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RollbackSpec;

/**
 * Invariant 3 across a data-restore rollback: rolling forward again, the site's new run must not meet the
 * snapshots and copy of the run before the restore (a copy missing every write since, and one the database
 * has served already). The site names its runs per attempt, so the new run makes fresh children of its own,
 * evolves the restored data and succeeds; the earlier run's copy is neither reused nor deleted.
 */
class ChildIdentityScenariosTest extends SiteScenario {

    @AfterEach
    void invariantsHeld() {
        h.assertInvariantsHeld();
    }

    @Test
    void aRollForwardAfterADataRestoreEvolvesAFreshCopy() {
        h.step("acme on 3.30, upgraded to 3.32 with an evolve; then a consented data-restore rollback to 3.30");
        h.apply(ref("acme"));
        awaitActive("acme", R330);
        awaitDatabase("to record karl 28", db -> karl(28).equals(db.getGenerations()));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitActive("acme", R332);
        PreviousVolume original = awaitDatabase("to serve karl 29", db -> karl(29).equals(db.getGenerations()))
                .getStatus().getPreviousVolumes().get(0);
        String run = siteRun("acme", R332);
        String copy = database().getActiveVolume();
        editSpec("acme", spec -> {
            spec.setRelease(R330);
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
        });
        awaitActive("acme", R330);
        assertEquals(original.getName(), database().getActiveVolume());

        h.step("the database keeps two previous volumes (the pre-evolve original and the earlier copy)");
        h.edit(SiteFixtures.database(DB), d -> {
            RetentionSpec retention = new RetentionSpec();
            retention.setKeepPreviousVolumes(2);
            d.getSpec().setRetention(retention);
        });

        h.step("users write on the restored volume; ops roll forward to 3.32 and delete the outdated run");
        long mark = h.lineage().lastWriteId();
        h.awaitThat("writes after the restore", () -> h.lineage().writesTo(SiteFixtures.NS, original.getName())
                .stream().anyMatch(w -> w.id() > mark));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitSite("acme", "to say its run is outdated", s -> "EvolveRunOutdated".equals(reason(s, "Reconciling")));
        EvolveRun outdated = h.client().resources(EvolveRun.class).inNamespace(SiteFixtures.NS).withName(run).get();
        h.client().resource(outdated).delete();
        h.awaitDeleted(outdated);

        h.step("the site's new run has a name of its own: it evolves a fresh copy of the restored data");
        KarlSite site = awaitActive("acme", R332);
        EvolveRun again = h.awaitPhase(awaitEvolveRun(site.getStatus().getEvolveRun()), EvolvePhase.Succeeded);
        assertNotEquals(run, again.getMetadata().getName());
        assertNotEquals(copy, again.getStatus().getRestoredVolume(), "a fresh copy, not the earlier run's");
        assertEquals(original.getName(), again.getStatus().getSourceVolume(), "evolved from the restored data");
        assertEquals(again.getStatus().getRestoredVolume(), database().getActiveVolume());
        assertEquals(karl(29), database().getGenerations());
        awaitDatabase("to be writable", db -> !db.getReadOnly().getActive());

        h.step("the earlier run's copy is kept, untouched");
        PersistentVolumeClaim kept = h.client().persistentVolumeClaims().inNamespace(SiteFixtures.NS).withName(copy)
                .get();
        assertTrue(kept != null && kept.getMetadata().getDeletionTimestamp() == null, "the earlier copy is kept");
    }
}
