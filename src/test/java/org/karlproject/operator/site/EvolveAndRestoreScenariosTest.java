package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.EvolveSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.RollbackSpec;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.site.rollout.Generations;

/**
 * Upgrades that evolve the database and the rollbacks across them. The ZeoDatabase and EvolveRun
 * controllers are played by {@link DatabaseAndEvolveFake} (their reconcilers had not landed yet).
 */
class EvolveAndRestoreScenariosTest extends SiteScenario {

    /** Site acme on 3.30 over a database at karl generation 28. */
    private String installOnEvolvedDatabase() {
        fake.databaseReady(DB, karl(28));
        h.apply(ref("acme"));
        return awaitActive("acme", R330).getStatus().getActiveRevision();
    }

    @Test
    void upgradeWithEvolveCreatesTheEvolveRunWaitsForItAndGoesReadOnlyMeanwhile() {
        String served = installOnEvolvedDatabase();

        h.step("ops sets spec.release to 3.32, whose code expects karl generation 29: the database is behind");
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = SiteNames.evolveRun("acme", R332);
        KarlSite site = awaitSite("acme", "to wait for its EvolveRun", s -> s.getStatus().getPhase()
                == RolloutPhase.Evolving && run.equals(s.getStatus().getEvolveRun()));
        EvolveRun evolve = h.client().resources(EvolveRun.class).inNamespace(NS).withName(run).get();
        assertEquals("acme", evolve.getSpec().getSite());
        assertEquals(R332, evolve.getSpec().getRelease());
        assertEquals(served, servedRevision("acme"));

        h.step("the evolve run holds the database read-only: the site's effective mode is ReadOnly, workers pause");
        fake.evolvePhase(run, DB, EvolvePhase.EnteringReadOnly);
        awaitSite("acme", "to be read-only", s -> s.getStatus().getMode() == SiteMode.ReadOnly);
        h.await(configMap(SiteNames.runtime("acme")), "to say ReadOnly", cm -> "ReadOnly".equals(cm.getData().get("mode")));
        awaitDeployment(SiteNames.worker("acme", "mailin"), "paused", d -> replicas(d, 0));
        h.await(cronJob(SiteNames.worker("acme", "digest")), "suspended", c -> c.getSpec().getSuspend());

        h.step("the run switches the database to the evolved copy and succeeds");
        Instant switched = fake.switchToEvolvedCopy(DB, DB + "-evolved-3-32", karl(29), "EvolveRun " + run);
        fake.evolvePhase(run, DB, EvolvePhase.Succeeded);

        h.step("the candidate is smoke-checked against the evolved database, then gets the traffic");
        site = awaitActive("acme", R332);
        assertEquals(SiteMode.Normal, site.getStatus().getMode());
        awaitDeployment(SiteNames.worker("acme", "mailin"), "running again on 3.32",
                d -> replicas(d, 1) && SiteFixtures.image(R332).equals(image(d)));

        h.step("3.30 can only come back with a data restore: the database was evolved past it");
        RollbackOption back = site.getStatus().getRollback().get(0);
        assertEquals(R330, back.getRelease());
        assertEquals(Generations.DATA_RESTORE, back.getKind());
        assertEquals(DB + "-data", back.getVolume());
        assertEquals(switched.toString(), back.getDiscardsWritesSince());
    }

    @Test
    void aManualPolicyWaitsForAnEvolveRunThatSomeoneCreates() {
        installOnEvolvedDatabase();
        editSpec("acme", spec -> {
            EvolveSpec evolve = new EvolveSpec();
            evolve.setPolicy(EvolvePolicy.Manual);
            spec.setEvolve(evolve);
        });

        h.step("with policy Manual, the site waits for an EvolveRun and says so");
        editSpec("acme", spec -> spec.setRelease(R332));
        KarlSite site = awaitSite("acme", "to wait for a manual evolve",
                s -> "WaitingForManualEvolve".equals(reason(s, "Reconciling")));
        assertTrue(message(site, "Reconciling").contains("spec.release: " + R332));
        assertTrue(h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().isEmpty());

        h.step("an operator creates the EvolveRun; once it succeeds the rollout goes on");
        EvolveRun manual = SiteObjects.evolveRun(site, R332);
        manual.getMetadata().setName("evolve-by-hand");
        manual.getMetadata().setOwnerReferences(List.of());
        h.apply(manual);
        fake.switchToEvolvedCopy(DB, DB + "-evolved", karl(29), "EvolveRun evolve-by-hand");
        fake.evolvePhase("evolve-by-hand", DB, EvolvePhase.Succeeded);
        awaitActive("acme", R332);
    }

    @Test
    void aFailedEvolveRunAbortsTheRolloutAndLeavesTrafficAlone() {
        String served = installOnEvolvedDatabase();
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = SiteNames.evolveRun("acme", R332);
        awaitEvolveRun(run);

        h.step("the evolve Job fails: the run is Failed, the database keeps its original volume");
        fake.evolvePhase(run, DB, EvolvePhase.Failed);
        KarlSite site = awaitPhase("acme", RolloutPhase.Aborted);
        assertEquals("EvolveFailed", reason(site, "Stalled"));
        assertEquals(served, servedRevision("acme"));
    }

    @Test
    void aDataRestoreRollbackNeedsConsentThenSwitchesTheDatabaseBack() {
        String first = installOnEvolvedDatabase();
        editSpec("acme", spec -> spec.setRelease(R332));
        String run = SiteNames.evolveRun("acme", R332);
        awaitEvolveRun(run);
        Instant switched = fake.switchToEvolvedCopy(DB, DB + "-evolved", karl(29), "EvolveRun " + run);
        fake.evolvePhase(run, DB, EvolvePhase.Succeeded);
        String evolvedRevision = awaitActive("acme", R332).getStatus().getActiveRevision();

        h.step("ops sets spec.release back to 3.30 without consent: Stalled DataRestoreRequired, traffic unchanged");
        editSpec("acme", spec -> spec.setRelease(R330));
        KarlSite site = awaitPhase("acme", RolloutPhase.Blocked);
        assertEquals("DataRestoreRequired", reason(site, "Stalled"));
        String explanation = message(site, "Stalled");
        assertTrue(explanation.contains("allowDataRestore: true"), explanation);
        assertTrue(explanation.contains(switched.toString()), explanation);
        assertTrue(explanation.contains("roll forward"), explanation);
        assertEquals(evolvedRevision, servedRevision("acme"));
        assertNull(site.getStatus().getDataRestore());

        h.step("ops consents: the site asks the database for its pre-evolve volume and waits");
        editSpec("acme", spec -> {
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
        });
        site = awaitSite("acme", "to request the data restore", s -> s.getStatus().getDataRestore() != null
                && s.getStatus().getPhase() == RolloutPhase.RestoringData);
        assertEquals(DB + "-data", site.getStatus().getDataRestore().getVolume());
        assertEquals(switched.toString(), site.getStatus().getDataRestore().getDiscardsWritesSince());
        assertEquals(evolvedRevision, servedRevision("acme"));

        h.step("the database serves the retained volume again; the site switches back to 3.30 and clears the request");
        fake.restoreVolume(DB, DB + "-data");
        site = awaitActive("acme", R330);
        assertEquals(first, servedRevision("acme"));
        assertNull(site.getStatus().getDataRestore());
    }
}
