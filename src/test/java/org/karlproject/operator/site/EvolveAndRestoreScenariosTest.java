package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.EvolveSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RollbackKind;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.RollbackSpec;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.sim.JobRule;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * Upgrades that evolve the database, and the rollbacks across them, end to end: the real EvolveRun and
 * ZeoDatabase reconcilers run the seed's procedure on the simulated cluster.
 */
class EvolveAndRestoreScenariosTest extends SiteScenario {

    /** Site acme on 3.30; the new database records 3.30's generations (karl 28) once the site is Ready. */
    private String installed() {
        h.apply(ref("acme"));
        String revision = awaitActive("acme", R330).getStatus().getActiveRevision();
        awaitDatabase("to record karl 28 from the first release", db -> karl(28).equals(db.getGenerations()));
        return revision;
    }

    /** The evolve Jobs of acme's runs take a while, so that the read-only window can be watched. */
    private void slowEvolveJob() {
        h.cluster().onJobs(JobRule.succeed(evolveJobs("acme")).after(Duration.ofSeconds(2)));
    }

    /** Evolves the database to 3.32 through the site; returns the volume retired by the evolve. */
    private PreviousVolume upgradedWithEvolve() {
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitActive("acme", R332);
        return awaitDatabase("to serve karl 29", db -> karl(29).equals(db.getGenerations())).getStatus()
                .getPreviousVolumes().get(0);
    }

    @Test
    void upgradeWithEvolveCreatesTheEvolveRunAndIsReadOnlyWhileItHoldsTheDatabase() {
        String served = installed();
        String live = database().getActiveVolume();
        slowEvolveJob();

        h.step("ops sets spec.release to 3.32, whose code expects karl 29: the database is behind; an EvolveRun starts");
        editSpec("acme", spec -> spec.setRelease(R332));
        EvolveRun evolve = awaitEvolveRun(siteRun("acme", R332));
        assertEquals("acme", evolve.getSpec().getSite());
        assertEquals(R332, evolve.getSpec().getRelease());

        h.step("while the run holds the database, the site is ReadOnly, workers pause, 3.30 keeps the traffic");
        awaitSite("acme", "to be read-only during the evolve", s -> s.getStatus().getMode() == SiteMode.ReadOnly
                && s.getStatus().getPhase() == RolloutPhase.Evolving);
        h.await(configMap(SiteNames.runtime("acme")), "to say ReadOnly", cm -> "ReadOnly".equals(cm.getData().get("mode")));
        awaitDeployment(SiteNames.worker("acme", Worker.mailin), "paused", d -> replicas(d, 0));
        h.await(cronJob(SiteNames.worker("acme", Worker.digest)), "suspended", c -> c.getSpec().getSuspend());
        assertEquals(served, servedRevision("acme"));

        h.step("the run switches the database to the evolved copy; the candidate is smoke-checked against it, then switched");
        KarlSite site = awaitActive("acme", R332);
        assertEquals(SiteMode.Normal, site.getStatus().getMode());
        assertEquals(EvolvePhase.Succeeded, h.get(evolve).getStatus().getPhase());
        assertEquals(karl(29), database().getGenerations());
        awaitDeployment(SiteNames.worker("acme", Worker.mailin), "running again on 3.32",
                d -> replicas(d, 1) && SiteFixtures.image(R332).equals(image(d)));

        h.step("3.30 can now only come back with a data restore of the retained pre-evolve volume");
        PreviousVolume retained = database().getPreviousVolumes().get(0);
        assertEquals(live, retained.getName());
        site = awaitSite("acme", "to list the rollback options", s -> !s.getStatus().getRollback().isEmpty());
        RollbackOption back = site.getStatus().getRollback().get(0);
        assertEquals(R330, back.getRelease());
        assertEquals(RollbackKind.DataRestore, back.getKind());
        assertEquals(live, back.getVolume());
        assertEquals(retained.getRetiredAt(), back.getDiscardsWritesSince());
    }

    @Test
    void aManualPolicyWaitsForAnEvolveRunThatSomeoneCreates() {
        installed();
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

        h.step("an operator creates the EvolveRun; once it has succeeded the rollout goes on");
        EvolveRun manual = SiteEvolveRun.of(site, R332, "evolve-by-hand");
        manual.getMetadata().setOwnerReferences(List.of());
        manual.getMetadata().setLabels(null);
        h.apply(manual);
        awaitActive("acme", R332);
        assertEquals(EvolvePhase.Succeeded, h.get(manual).getStatus().getPhase());
        assertEquals(1, h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().size());
    }

    @Test
    void aFailedEvolveRunAbortsTheRolloutAndLeavesTrafficAndDataAlone() {
        String served = installed();
        String live = database().getActiveVolume();
        h.cluster().failJobs(evolveJobs("acme"));

        h.step("the evolve Job fails: the run is Failed, the database keeps serving its original volume");
        editSpec("acme", spec -> spec.setRelease(R332));
        KarlSite site = awaitPhase("acme", RolloutPhase.Aborted);
        String run = site.getStatus().getEvolveRun();
        assertEquals("EvolveFailed", reason(site, "Stalled"));
        assertEquals(served, servedRevision("acme"));
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());

        h.step("the spec changes (a new generation): the retry gets an EvolveRun of its own, which succeeds");
        h.cluster().succeedJobs(evolveJobs("acme"));
        editSpec("acme", spec -> spec.getRollout().setProgressDeadlineSeconds(120));
        awaitActive("acme", R332);
        List<EvolveRun> runs = h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems();
        assertEquals(2, runs.size());
        assertEquals(EvolvePhase.Failed, runs.stream().filter(r -> r.getMetadata().getName().equals(run))
                .findFirst().orElseThrow().getStatus().getPhase(), "the failed run stays for inspection");
    }

    @Test
    void aDataRestoreRollbackNeedsConsentThenSwitchesTheDatabaseBack() {
        String first = installed();
        PreviousVolume retained = upgradedWithEvolve();
        String evolvedRevision = servedRevision("acme");

        h.step("ops sets spec.release back to 3.30 without consent: Stalled DataRestoreRequired, nothing changes");
        editSpec("acme", spec -> spec.setRelease(R330));
        KarlSite site = awaitPhase("acme", RolloutPhase.Blocked);
        assertEquals("DataRestoreRequired", reason(site, "Stalled"));
        String explanation = message(site, "Stalled");
        assertTrue(explanation.contains("allowDataRestore: true"), explanation);
        assertTrue(explanation.contains(retained.getRetiredAt()), explanation);
        assertTrue(explanation.contains("roll forward"), explanation);
        assertEquals(evolvedRevision, servedRevision("acme"));
        assertNull(site.getStatus().getDataRestore());
        assertEquals(karl(29), database().getGenerations());

        h.step("ops consents: the site states the data restore, the database serves its pre-evolve volume again");
        editSpec("acme", spec -> {
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
        });
        site = awaitActive("acme", R330);
        assertEquals(first, servedRevision("acme"));
        assertNull(site.getStatus().getDataRestore());
        assertEquals(retained.getName(), database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        h.assertInvariantsHeld();
    }

    @Test
    void aDataRestoreThatCannotFinishByTheDeadlineGoesBackToTheDataItsActiveReleaseExpects() {
        installed();
        PreviousVolume retained = upgradedWithEvolve();
        String evolved = database().getActiveVolume();
        String evolvedRevision = servedRevision("acme");

        h.step("the retained volume is broken: ZEO cannot start on it");
        h.cluster().zeoCannotStartOn(retained.getName());

        h.step("ops rolls back to 3.30 with consent: the database switches to the retained volume, read-only, "
                + "and ZEO never becomes ready on it");
        editSpec("acme", spec -> {
            RollbackSpec rollback = new RollbackSpec();
            rollback.setAllowDataRestore(true);
            spec.setRollback(rollback);
            spec.setRelease(R330);
        });
        awaitDatabase("to serve the retained volume", db -> retained.getName().equals(db.getActiveVolume()));
        assertEquals(RolloutPhase.RestoringData, site("acme").getStatus().getPhase());

        h.step("the progress deadline passes: the site gives the restore up, the database goes back to the "
                + "evolved volume (untouched: it was read-only since the switch), writable again, on 3.32");
        clock.moveTo(java.time.Instant.now().plusSeconds(120));
        reconcileMore("acme", 1);
        KarlSite site = awaitPhase("acme", RolloutPhase.Aborted);
        assertEquals("DataRestoreTimedOut", reason(site, "Stalled"));
        awaitDatabase("to serve the evolved volume again, writable", db -> evolved.equals(db.getActiveVolume())
                && karl(29).equals(db.getGenerations()) && !db.getReadOnly().getActive()
                && db.getReadOnly().getHolders().isEmpty());
        site = site("acme");
        assertNull(site.getStatus().getDataRestore(), "the request is given up");
        assertEquals(retained.getName(), site.getStatus().getAbandonedDataRestore().getVolume());
        assertEquals(evolved, site.getStatus().getAbandonedDataRestore().getBackTo());
        assertEquals(R332, site.getStatus().getActiveRelease());
        assertEquals(evolvedRevision, servedRevision("acme"));
        assertTrue(database().getPreviousVolumes().stream().anyMatch(p -> retained.getName().equals(p.getName())),
                "the retained volume is still retained");
        h.assertInvariantsHeld();
    }
}
