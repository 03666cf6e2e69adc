package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.database.DatabaseFixtures.generations;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.DataRestoreRequest;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.SiteMode;

/** The database's side of the contract with KarlSite and EvolveRun, and resuming after a restart. */
class ContractScenarioTest extends DatabaseScenario {

    @Test
    void anEmptyDatabaseTakesTheGenerationsOfTheFirstReleaseASiteBringsUp() {
        ZeoDatabase db = ready(fresh("prod"));
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName("karl-3-30").withNamespace(NS).build());
        release.setSpec(new ReleaseIndexSpec());
        createWithStatus(release, r -> {
            r.setStatus(new ReleaseIndexStatus());
            r.getStatus().setGenerations(generations(27));
        });

        h.step("the site on it becomes Ready with karl-3-30 active");
        createWithStatus(DatabaseFixtures.site("acme", "prod", SiteMode.Normal), s -> {
            s.setStatus(new KarlSiteStatus());
            s.getStatus().setActiveRelease("karl-3-30");
            s.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("True")
                    .withReason("Serving").build()));
        });
        h.await(db, "generations recorded", d -> generations(27).equals(d.getStatus().getGenerations()));
    }

    @Test
    void aConsentedDataRestoreSwitchesBackToTheRetainedVolume() {
        ZeoDatabase db = ready(fresh("prod"));
        editStatus(db, d -> d.getStatus().setGenerations(generations(27)));
        h.client().resource(DataVolumes.of(fresh("prod"), "evolve-1-restored", java.util.Optional.empty())).create();
        h.awaitThat("restored copy bound", () -> DataVolumes.bound(pvc("evolve-1-restored")));
        createWithStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.Switching, false), r -> {
            r.setStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.Switching, false).getStatus());
            r.getStatus().setRestoredVolume("evolve-1-restored");
            r.getStatus().setToGenerations(generations(28));
        });
        h.await(db, "switched", d -> "evolve-1-restored".equals(d.getStatus().getActiveVolume()));
        editStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.Succeeded, false),
                r -> r.getStatus().setPhase(EvolvePhase.Succeeded));

        h.step("the site rolls back to karl-3-30 with allowDataRestore: it asks for prod-data-1 again");
        clock.set(Instant.now().plus(1, ChronoUnit.MINUTES));
        createWithStatus(DatabaseFixtures.site("acme", "prod", SiteMode.Normal), s -> {
            s.setStatus(new KarlSiteStatus());
            DataRestoreRequest restore = new DataRestoreRequest();
            restore.setVolume("prod-data-1");
            restore.setRelease("karl-3-30");
            restore.setRequestedAt(clock.instant().toString());
            s.getStatus().setDataRestore(restore);
        });
        ZeoDatabase back = h.await(db, "serving prod-data-1 again", d -> "prod-data-1".equals(d.getStatus()
                .getActiveVolume()));
        awaitZeo("prod", "prod-data-1", true); // the request holds it read-only until the site's traffic switch
        assertEquals(generations(27), back.getStatus().getGenerations());
        h.step("before the switch, the read-only server was asked what the rollback discards");
        var discard = back.getStatus().getRollbackDiscard();
        long lastOnCopy = h.lineage().volume(NS, "evolve-1-restored").orElseThrow().lastWrite();
        assertEquals(org.karlproject.operator.sim.CheckJobContract.transactionId(lastOnCopy), discard.getUpToTransaction(),
                "the last transaction the rollback discards is the last write the served copy holds");
        assertEquals("acme", discard.getSite());
        assertEquals("evolve-1-restored", discard.getDiscardedVolume());
        assertEquals("prod-data-1", discard.getVolume());
        assertTrue(discard.getMessage().contains(discard.getUpToTransaction()), discard.getMessage());
        assertTrue(eventReasons("prod").contains("RollbackDiscards"), eventReasons("prod")::toString);

        h.step("the site switches its traffic to karl-3-30 and clears the request: the hold ends");
        editStatus(DatabaseFixtures.site("acme", "prod", SiteMode.Normal), s -> s.getStatus().setDataRestore(null));
        awaitZeo("prod", "prod-data-1", false);
        assertEquals("evolve-1-restored", back.getStatus().getPreviousVolumes().get(0).getName());
        assertEquals("Rollback acme to karl-3-30", back.getStatus().getPreviousVolumes().get(0).getReason());
    }

    @Test
    void anOperatorDownForSeveralScheduledTimesTakesExactlyOneCatchUpBackup() {
        ZeoDatabase db = ready(DatabaseFixtures.withBackups(fresh("prod"), "*/10 * * * *", 3));
        Instant created = Instant.parse(h.get(db).getMetadata().getCreationTimestamp());
        Instant base = created.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);

        h.step("the operator is down from before " + base + " until 50 minutes later");
        h.operator().stop();
        clock.set(base.plus(55, ChronoUnit.MINUTES));
        h.operator().start();
        String catchUp = Snapshots.scheduledName(db, base.plus(50, ChronoUnit.MINUTES));
        h.await(db, "one catch-up backup", d -> d.getStatus().getBackups().stream()
                .anyMatch(b -> b.getName().equals(catchUp) && b.getState() == org.karlproject.operator.api.database.BackupState.Ready));

        h.step("a second restart finds it and takes nothing more");
        h.operator().restart();
        pokeAndAwaitReconcile(db, "after-restart");
        h.awaitCondition(db, "Ready", "True");
        assertEquals(List.of(catchUp), snapshotNames());
    }

    @Test
    void aSwitchRequestedWhileTheOperatorIsDownHappensExactlyOnceAcrossRestarts() {
        ZeoDatabase db = ready(fresh("prod"));
        h.client().resource(DataVolumes.of(fresh("prod"), "evolve-1-restored", java.util.Optional.empty())).create();
        h.awaitThat("restored copy bound", () -> DataVolumes.bound(pvc("evolve-1-restored")));

        h.step("the operator is down when the run reaches Switching");
        h.operator().stop();
        createWithStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.Switching, false), r -> {
            r.setStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.Switching, false).getStatus());
            r.getStatus().setRestoredVolume("evolve-1-restored");
            r.getStatus().setToGenerations(generations(28));
        });
        h.operator().start();
        h.await(db, "switched and ready", d -> "evolve-1-restored".equals(d.getStatus().getActiveVolume())
                && org.karlproject.operator.status.Conditions.isTrue(d.getStatus().getConditions(), "Ready"));
        awaitZeo("prod", "evolve-1-restored", true);

        h.step("restarted again with the run still in Switching: no second switch");
        h.operator().restart();
        pokeAndAwaitReconcile(db, "after-restart");
        assertEquals(List.of("prod-data-1"), status(db).getPreviousVolumes().stream().map(p -> p.getName()).toList());
        assertEquals(1, h.client().apps().deployments().inNamespace(NS).list().getItems().size());
    }
}
