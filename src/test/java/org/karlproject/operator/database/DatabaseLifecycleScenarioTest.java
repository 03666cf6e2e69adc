package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.database.DatabaseFixtures.generations;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;

class DatabaseLifecycleScenarioTest extends DatabaseScenario {

    @Test
    void firstInstallServesAnEmptyVolumeWritableAndANoOpReconcileWritesNothing() {
        h.step("a user creates the ZeoDatabase prod");
        ZeoDatabase db = ready(fresh("prod"));

        h.step("ZEO serves the new volume prod-data-1, writable, behind a Service and a NetworkPolicy");
        var status = status(db);
        assertEquals("prod-data-1", status.getActiveVolume());
        assertEquals("prod-zeo.default.svc:8100", status.getEndpoint());
        assertFalse(status.getReadOnly().getActive());
        assertTrue(status.getGenerations().isEmpty(), "a new database has no generations yet");
        assertEquals("Bound", pvc("prod-data-1").getStatus().getPhase());
        RestrictedProfile.assertRestricted(deployment("prod").getSpec().getTemplate().getSpec());
        assertTrue(h.client().configMaps().inNamespace(NS).withName("prod-zeo").get().getData().get("zeo.conf")
                .contains("read-only false"));
        NetworkPolicy policy = h.client().network().v1().networkPolicies().inNamespace(NS).withName("prod-zeo").get();
        assertEquals("prod", policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels()
                .get("deploy.karlproject.org/database"));
        assertNotNull(h.client().services().inNamespace(NS).withName("prod-zeo").get());
        awaitZeo("prod", "prod-data-1", false);

        h.step("once converged, further reconciles write nothing");
        long mark = h.requests().mark();
        for (int i = 0; i < 3; i++) {
            pokeAndAwaitReconcile(db, String.valueOf(i));
        }
        Requests since = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        assertEquals(0, since.writes().count(), since::toString);
    }

    @Test
    void readOnlyBySpecAndByHoldersAndBackToWritableWhenTheLastHoldGoes() {
        ZeoDatabase db = ready(fresh("prod"));

        h.step("spec.readOnly restarts ZEO read-only");
        editSpec(db, d -> d.getSpec().setReadOnly(true));
        awaitZeo("prod", "prod-data-1", true);
        h.await(db, "read-only active", d -> d.getStatus().getReadOnly().getActive());
        assertNotNull(status(db).getReadOnly().getSince());
        editSpec(db, d -> d.getSpec().setReadOnly(false));
        awaitZeo("prod", "prod-data-1", false);
        h.await(db, "writable", d -> !d.getStatus().getReadOnly().getActive());

        h.step("an EvolveRun entering read-only and a read-only KarlSite both hold it");
        EvolveRun run = createWithStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.EnteringReadOnly, false),
                r -> r.setStatus(DatabaseFixtures.run("evolve-1", "prod", EvolvePhase.EnteringReadOnly, false)
                        .getStatus()));
        KarlSite site = h.client().resource(DatabaseFixtures.site("acme", "prod", SiteMode.ReadOnly)).create();
        awaitZeo("prod", "prod-data-1", true);
        ZeoDatabase held = h.await(db, "held by both", d -> d.getStatus().getReadOnly().getActive()
                && d.getStatus().getReadOnly().getHolders().size() == 2);
        assertEquals(List.of("EvolveRun/evolve-1", "KarlSite/acme"), held.getStatus().getReadOnly().getHolders()
                .stream().map(x -> x.getKind() + "/" + x.getName()).toList());
        assertEquals("2026-11-29T10:00:00Z", held.getStatus().getReadOnly().getHolders().get(0).getSince());

        h.step("the run leaves read-only: the site still holds it");
        editStatus(run, r -> r.getStatus().setPhase(EvolvePhase.LeavingReadOnly));
        h.await(db, "held by the site only", d -> d.getStatus().getReadOnly().getHolders().size() == 1);
        assertTrue(h.get(db).getStatus().getReadOnly().getActive());

        h.step("the site goes back to Normal: the last hold is released, ZEO is writable again");
        h.edit(site, s -> s.getSpec().setMode(SiteMode.Normal));
        awaitZeo("prod", "prod-data-1", false);
        ZeoDatabase writable = h.await(db, "writable", d -> !d.getStatus().getReadOnly().getActive());
        assertTrue(writable.getStatus().getReadOnly().getHolders().isEmpty());
        assertNull(writable.getStatus().getReadOnly().getSince());
    }

    @Test
    void anEvolveRunSwitchesTheVolumeAndRetentionKeepsWhatASiteStillNeeds() {
        ZeoDatabase db = ready(fresh("prod"));
        editStatus(db, d -> d.getStatus().setGenerations(generations(27))); // as if a site had recorded them

        h.step("evolve-1 restored and evolved a copy; it asks for the switch");
        switchTo("evolve-1", 28);
        ZeoDatabase switched = h.await(db, "serving evolve-1-restored", d -> "evolve-1-restored"
                .equals(d.getStatus().getActiveVolume()) && isReady(d));
        awaitZeo("prod", "evolve-1-restored", true); // Switching still holds it read-only
        h.step("the run leaves read-only: ZEO is writable on the evolved copy");
        finish("evolve-1");
        awaitZeo("prod", "evolve-1-restored", false);
        assertEquals(generations(28), switched.getStatus().getGenerations());
        PreviousVolume previous = switched.getStatus().getPreviousVolumes().get(0);
        assertEquals("prod-data-1", previous.getName());
        assertEquals("EvolveRun evolve-1", previous.getReason());
        assertEquals(generations(27), previous.getGenerations());
        h.awaitThat("a VolumeSwitched event", () -> eventReasons("prod").contains("VolumeSwitched"));

        h.step("a site still names prod-data-1 for a data-restore rollback");
        KarlSite site = h.client().resource(DatabaseFixtures.site("acme", "prod", SiteMode.Normal)).create();
        editStatus(site, s -> {
            s.setStatus(new KarlSiteStatus());
            RollbackOption option = new RollbackOption();
            option.setRelease("karl-3-30");
            option.setKind(org.karlproject.operator.api.site.RollbackKind.DataRestore);
            option.setVolume("prod-data-1");
            s.getStatus().setRollback(List.of(option));
        });

        h.step("evolve-2 switches again: keepPreviousVolumes=1, but prod-data-1 is still needed");
        switchTo("evolve-2", 29);
        h.await(db, "serving evolve-2-restored", d -> "evolve-2-restored".equals(d.getStatus().getActiveVolume()));
        finish("evolve-2");
        awaitZeo("prod", "evolve-2-restored", false);
        assertEquals(List.of("evolve-1-restored", "prod-data-1"), previousNames(db));
        assertNotNull(pvc("prod-data-1"));

        h.step("the site no longer needs it: the volume beyond the retention count goes");
        editStatus(site, s -> s.getStatus().setRollback(List.of()));
        h.await(db, "prod-data-1 dropped", d -> d.getStatus().getPreviousVolumes().size() == 1);
        h.awaitThat("prod-data-1 deleted", () -> pvc("prod-data-1") == null);
        assertNotNull(pvc("evolve-1-restored"));
    }

    private void switchTo(String runName, long generation) {
        var volume = DataVolumes.of(fresh("prod"), runName + "-restored", java.util.Optional.empty());
        h.client().resource(volume).create();
        h.awaitThat(runName + "-restored bound", () -> DataVolumes.bound(pvc(runName + "-restored")));
        createWithStatus(DatabaseFixtures.run(runName, "prod", EvolvePhase.Switching, false), r -> {
            r.setStatus(DatabaseFixtures.run(runName, "prod", EvolvePhase.Switching, false).getStatus());
            r.getStatus().setRestoredVolume(runName + "-restored");
            r.getStatus().setToGenerations(generations(generation));
        });
    }

    private void finish(String runName) {
        editStatus(DatabaseFixtures.run(runName, "prod", EvolvePhase.Succeeded, false),
                r -> r.getStatus().setPhase(EvolvePhase.Succeeded));
    }

    private List<String> previousNames(ZeoDatabase db) {
        return status(db).getPreviousVolumes().stream().map(PreviousVolume::getName).toList();
    }

    private static boolean isReady(ZeoDatabase db) {
        return org.karlproject.operator.status.Conditions.isTrue(db.getStatus().getConditions(), "Ready");
    }
}
