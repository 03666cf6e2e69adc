package org.karlproject.operator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.SimHarness;

/**
 * The plugin's actions against the whole operator on the simulated cluster, on the samples: each one's write
 * and what the reconcilers then do, as the plugin reports it.
 */
class ActionsScenarioTest {

    static final String NS = "karl-acme";
    final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()));

    @AfterEach
    void close() {
        h.close();
    }

    KarlSite site(String name) {
        return h.client().resources(KarlSite.class).inNamespace(NS).withName(name).get();
    }

    KarlSite awaitStable(String name, String release) {
        return h.await(site(name), "Stable on " + release, s -> s.getStatus() != null
                && s.getStatus().getPhase() == RolloutPhase.Stable && release.equals(s.getStatus().getActiveRelease()));
    }

    PluginRun karl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-n";
        all[1] = NS;
        System.arraycopy(args, 0, all, 2, args.length);
        return PluginRun.run(h.client(), all);
    }

    @Test
    void everyActionIsAWriteTheOperatorHonours() throws Exception {
        PluginReadTest.applySamples(h.client());
        awaitStable("acme-staging", "acme-3-30");
        awaitStable("acme-production", "acme-3-30");

        // mode: spec.mode, waited for in status.mode
        PluginRun mode = karl("mode", "acme-staging", "readonly", "--wait", "--timeout", "60s");
        assertEquals(0, mode.exit(), mode::toString);
        assertTrue(mode.out().contains("spec.mode Normal -> ReadOnly") && mode.out().contains("reports mode ReadOnly"), mode::toString);
        assertEquals(SiteMode.ReadOnly, site("acme-staging").getSpec().getMode());
        assertEquals(0, karl("mode", "acme-staging", "normal", "--wait").exit());
        assertEquals(2, karl("mode", "acme-staging", "sideways").exit());

        // backup: the backup-now annotation, waited for until its record is Ready
        PluginRun backup = karl("backup", "acme-staging", "--timeout", "60s");
        assertEquals(0, backup.exit(), backup::toString);
        assertTrue(backup.out().matches("(?s).*backup acme-staging-backup-now-\\S+ Ready at .*"), backup::toString);
        ZeoDatabase db = h.client().resources(ZeoDatabase.class).inNamespace(NS).withName("acme-staging").get();
        assertTrue(db.getStatus().getBackups().stream().anyMatch(b -> b.getState() == org.karlproject.operator.api.database.BackupState.Ready
                && b.getName().contains("backup-now")), db.getStatus().getBackups()::toString);

        // rehearse: a dry-run EvolveRun, followed to its end; production stays writable
        PluginRun rehearse = karl("rehearse", "acme-production", "--release", "acme-3-31", "--timeout", "60s");
        assertEquals(0, rehearse.exit(), rehearse::toString);
        assertTrue(rehearse.out().matches("(?s).*BaseSnapshot .* Succeeded.*Evolving .* Succeeded.*"), rehearse::toString);
        assertTrue(rehearse.out().contains(" Succeeded, took "), rehearse::toString);
        assertTrue(h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().stream()
                .allMatch(r -> Boolean.TRUE.equals(r.getSpec().getDryRun())), "only the dry run exists");

        // evolve: refused for an Automatic site and for a release the site does not target
        PluginRun automatic = karl("evolve", "acme-staging", "--release", "acme-3-31", "--yes");
        assertEquals(1, automatic.exit(), automatic::toString);
        assertTrue(automatic.err().contains("evolve policy is Automatic"), automatic::toString);
        PluginRun notTargeted = karl("evolve", "acme-production", "--release", "acme-3-31", "--yes");
        assertEquals(1, notTargeted.exit(), notTargeted::toString);
        assertTrue(notTargeted.err().contains("spec.release is acme-3-30, not acme-3-31"), notTargeted::toString);

        // promote: refused until staging verified the release
        PluginRun early = karl("promote", "acme-production", "--release", "acme-3-31", "--yes");
        assertEquals(1, early.exit(), early::toString);
        assertTrue(early.err().contains("acme-3-31 is not verified in acme-staging (verified: acme-3-30)"), early::toString);
        assertEquals("acme-3-30", site("acme-production").getSpec().getRelease(), "nothing written");

        // staging upgrades by itself (Automatic); production (Manual) is promoted, then waits for the run the plugin creates
        h.edit(site("acme-staging"), s -> s.getSpec().setRelease("acme-3-31"));
        awaitStable("acme-staging", "acme-3-31");
        PluginRun promote = karl("promote", "acme-production", "--yes");
        assertEquals(0, promote.exit(), promote::toString);
        assertTrue(promote.out().contains("from acme-3-30 to acme-3-31 (verified in acme-staging at ")
                && promote.out().contains("evolve policy is Manual"), promote::toString);
        assertEquals("acme-3-31", site("acme-production").getSpec().getRelease());
        h.awaitPhase(site("acme-production"), RolloutPhase.Evolving);
        PluginRun declined = PluginRun.withInput(h.client(), "n\n", "-n", NS, "evolve", "acme-production", "--release", "acme-3-31");
        assertEquals(1, declined.exit(), declined::toString);
        assertTrue(declined.out().contains("read-only budget 1800s"), declined::toString);
        PluginRun evolve = PluginRun.withInput(h.client(), "y\n", "-n", NS, "evolve", "acme-production", "--release", "acme-3-31",
                "--timeout", "60s");
        assertEquals(0, evolve.exit(), evolve::toString);
        assertTrue(evolve.out().matches("(?s).*EnteringReadOnly .*Switching .*Succeeded, read-only \\d+s.*"), evolve::toString);
        awaitStable("acme-production", "acme-3-31");

        // rollback across the evolve: a data restore, refused without consent, then done and waited for
        PluginRun refused = karl("rollback", "acme-production", "--to", "acme-3-30", "--yes");
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.out().contains("data restore") && refused.out().contains("discards every write since"), refused::toString);
        assertTrue(refused.err().contains("--allow-data-restore"), refused::toString);
        assertEquals("acme-3-31", site("acme-production").getSpec().getRelease(), "nothing written");
        PluginRun notAnOption = karl("rollback", "acme-production", "--to", "karl-3-30", "--yes");
        assertEquals(1, notAnOption.exit(), notAnOption::toString);
        PluginRun rollback = karl("rollback", "acme-production", "--to", "acme-3-30", "--allow-data-restore", "--yes", "--wait",
                "--timeout", "60s");
        assertEquals(0, rollback.exit(), rollback::toString);
        assertTrue(rollback.out().contains("is Stable on acme-3-30"), rollback::toString);
        assertTrue(site("acme-production").getSpec().getRollback().getAllowDataRestore());

        // abort: spec.release back to the active release; the site stays on it
        assertEquals(1, karl("abort", "acme-staging", "--yes").exit(), "nothing to abort while Stable");
        h.cluster().neverReady(h.client().resources(org.karlproject.operator.api.release.ReleaseIndex.class).inNamespace(NS)
                .withName("acme-3-30").get().getSpec().getImage());
        h.edit(site("acme-staging"), s -> s.getSpec().setRelease("acme-3-30"));
        PluginRun abort = karl("abort", "acme-staging", "--yes");
        assertEquals(0, abort.exit(), abort::toString);
        assertTrue(abort.out().contains("spec.release goes back to acme-3-31"), abort::toString);
        awaitStable("acme-staging", "acme-3-31");
        h.assertInvariantsHeld();
    }
}
