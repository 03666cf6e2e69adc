package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.JobRule;
import org.karlproject.operator.sim.Lineage;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.sim.VolumeSnapshots;

/**
 * Invariant 3: a run uses only the objects it made. Child names derive from the run's name, so a later run
 * of the same name finds its predecessor's snapshots, copy and Job, or even the live volume (the copy a
 * predecessor switched the database to): it must fail NameTaken before anything is read-only, and touch
 * none of them.
 */
class ChildIdentityScenarioTest extends EvolveFixtures.Scenario {
    static final String RUN = "acme-to-3-31";

    @Test
    void aRunDeletedMidEvolveLeavesNothingForASameNamedRunToReuse() {
        Lineage lineage = h.lineage();
        h.cluster().onJobs(JobRule.succeed(JobMatcher.matching().name(RUN + "-evolve")).after(Duration.ofSeconds(3)));
        h.step("a run evolves a copy; ops delete it mid-Evolving to abort it");
        EvolveRun first = h.apply(EvolveFixtures.run(RUN));
        h.awaitPhase(first, EvolvePhase.Evolving);
        h.client().resource(first).delete();
        h.awaitDeleted(first);

        h.step("the database is writable again on its original volume; users write");
        h.await(EvolveFixtures.database(DB), "to be writable with no holder",
                d -> d.getStatus().getReadOnly().getHolders().isEmpty() && !d.getStatus().getReadOnly().getActive());
        long mark = lineage.lastWriteId();
        h.awaitThat("ZEO writes to the original volume after the abort",
                () -> lineage.writesTo(NS, live).stream().anyMatch(w -> w.id() > mark));

        h.step("a run of the same name is created: the old -base, -final, -evolved are not its own");
        EvolveRun again = h.apply(EvolveFixtures.run(RUN));
        EvolveRun finished = awaitFinished(again);
        assertNameTaken(finished, RUN + "-base");
        assertNull(finished.getStatus().getReadOnlySince(), "never read-only");

        h.step("the database still serves its original volume, with every write");
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        assertEquals(live, db.getStatus().getActiveVolume());
        assertEquals(Map.of("karl", 27L, "osi", 3L), db.getStatus().getGenerations());
        assertTrue(db.getStatus().getPreviousVolumes().isEmpty(), () -> db.getStatus().getPreviousVolumes().toString());
        assertNotNull(h.client().persistentVolumeClaims().inNamespace(NS).withName(RUN + "-evolved").get(),
                "the old copy is left alone");
    }

    @Test
    void aSameNamedRunNeverMountsNorDeletesTheLiveVolumeItsNameLeadsTo() {
        Lineage lineage = h.lineage();
        h.step("run " + RUN + " switches the database to its copy " + RUN + "-evolved: now the live volume");
        EvolveRun first = h.apply(EvolveFixtures.run(RUN));
        h.awaitPhase(first, EvolvePhase.Succeeded);
        String evolved = RUN + "-evolved";
        h.await(EvolveFixtures.database(DB), "to serve the copy writable",
                d -> evolved.equals(d.getStatus().getActiveVolume()) && !d.getStatus().getReadOnly().getActive());

        h.step("ops tidy up the run, its snapshots and its Job; a later release needs an evolve");
        h.client().resource(first).delete();
        h.awaitDeleted(first);
        for (String snapshot : List.of(RUN + "-base", RUN + "-final")) {
            VolumeSnapshots.of(h.client()).inNamespace(NS).withName(snapshot).delete();
        }
        h.client().batch().v1().jobs().inNamespace(NS).withName(RUN + "-evolve").delete();
        h.awaitThat("the old Job is gone",
                () -> h.client().batch().v1().jobs().inNamespace(NS).withName(RUN + "-evolve").get() == null);
        h.apply(EvolveFixtures.release("acme-3-32", "3.32-acme.1", "karl-3-31", EvolveFixtures.ACME_IMAGE, """
                - manager: osi
                  generation: 6
                  steps:
                    - {generation: 6, reindex: [title]}
                """));
        h.awaitCondition(EvolveFixtures.release("acme-3-32", "3.32-acme.1", "karl-3-31", EvolveFixtures.ACME_IMAGE,
                "[]"), "Ready", "True");

        h.step("a dry run of the same name: its copy's name is the live volume's; it must not mount nor delete it");
        EvolveRun dry = h.apply(EvolveFixtures.run(RUN, Map.of("release", "acme-3-32", "dryRun", true)));
        EvolveRun finished = awaitFinished(dry);
        assertNameTaken(finished, evolved);
        assertNull(finished.getStatus().getJob(), "no evolve Job");

        h.step("the live volume still exists, is served, and was never mounted by an evolve Job");
        h.awaitThat("a few ZEO ticks", () -> h.cluster().zeoTicks() > 0);
        assertNotNull(h.client().persistentVolumeClaims().inNamespace(NS).withName(evolved).get());
        assertEquals(evolved, h.get(EvolveFixtures.database(DB)).getStatus().getActiveVolume());
        assertEquals(Set.of(NS + "/" + evolved), lineage.volumesMountedByEvolveJobs(),
                "only the first run's Job, when it was the copy");
        assertTrue(h.client().batch().v1().jobs().inNamespace(NS).withName(RUN + "-evolve").get() == null);
    }

    @Test
    void everyDataObjectCarriesItsCreatorsUidAndNothingAGitOpsToolReadsAsMembership() {
        h.step("a run evolves and switches the database; the database takes an on-demand backup");
        EvolveRun run = h.apply(EvolveFixtures.run(RUN));
        h.awaitPhase(run, EvolvePhase.Succeeded);
        h.edit(EvolveFixtures.database(DB), d -> d.getMetadata().setAnnotations(
                Map.of(org.karlproject.operator.database.DatabaseObjects.BACKUP_NOW, "now")));
        h.awaitThat("the on-demand backup", () -> VolumeSnapshots.of(h.client()).inNamespace(NS).list().getItems()
                .stream().anyMatch(s -> "OnDemand".equals(s.getMetadata().getLabels()
                        .get(org.karlproject.operator.database.DatabaseObjects.BACKUP))));

        h.step("every PVC and VolumeSnapshot: no app.kubernetes.io/instance, no owner, its creator's UID");
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        EvolveRun done = h.get(run);
        Set<String> creators = Set.of(db.getMetadata().getUid(), done.getMetadata().getUid());
        List<HasMetadata> data = new ArrayList<>(h.client().persistentVolumeClaims().inNamespace(NS).list().getItems());
        data.addAll(VolumeSnapshots.of(h.client()).inNamespace(NS).list().getItems());
        assertEquals(Set.of(live, RUN + "-evolved", RUN + "-base", RUN + "-final"), data.stream()
                .map(o -> o.getMetadata().getName()).filter(n -> !n.contains("backup-now")).collect(Collectors.toSet()));
        for (HasMetadata object : data) {
            String what = object.getKind() + " " + object.getMetadata().getName();
            Map<String, String> labels = object.getMetadata().getLabels();
            assertFalse(labels.containsKey(Labels.INSTANCE), what + ": " + labels);
            assertTrue(object.getMetadata().getOwnerReferences() == null
                    || object.getMetadata().getOwnerReferences().isEmpty(), what);
            assertTrue(creators.contains(labels.get(Labels.OWNER_UID)), what + ": " + labels);
            assertEquals(DB, labels.get(Labels.DATABASE), what);
            assertEquals(Labels.OPERATOR, labels.get(Labels.MANAGED_BY), what);
        }
    }

    private EvolveRun awaitFinished(EvolveRun run) {
        return h.await(run, "to finish", r -> r.getStatus() != null && r.getStatus().getPhase() != null
                && r.getStatus().getPhase().isTerminal());
    }

    private static void assertNameTaken(EvolveRun run, String object) {
        assertEquals(EvolvePhase.Failed, run.getStatus().getPhase(), () -> String.valueOf(run.getStatus()));
        Map<String, Object> stalled = SimHarness.condition(run, "Stalled").orElseThrow();
        assertEquals("NameTaken", stalled.get("reason"), stalled::toString);
        assertTrue(String.valueOf(stalled.get("message")).contains(object), stalled::toString);
        assertEquals(List.of(EvolvePhase.Pending), run.getStatus().getSteps().stream().map(s -> s.getName()).toList(),
                "failed in Pending, before any snapshot or read-only");
    }
}
