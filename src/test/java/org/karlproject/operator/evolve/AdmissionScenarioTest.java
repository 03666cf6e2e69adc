package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.evolve.EvolveFixtures.DB;
import static org.karlproject.operator.evolve.EvolveFixtures.NS;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveStepRecord;

/**
 * One run per database, even when several are created in the same instant: none of them has a status
 * yet, so none can see from the others' status that they are on the same database.
 */
class AdmissionScenarioTest extends EvolveFixtures.Scenario {
    @Test
    void severalRunsCreatedInTheSameInstantEvolveTheDatabaseOnce() {
        h.step("the operator is down; four EvolveRuns for the same database are created back to back");
        h.operator().stop();
        List<EvolveRun> runs = IntStream.rangeClosed(1, 4).mapToObj(i -> h.apply(EvolveFixtures.run("run-" + i)))
                .toList();

        h.step("the operator starts and reconciles all four at once");
        h.operator().start();
        List<EvolveRun> finished = runs.stream().map(r -> h.await(r, "to finish", x -> x.getStatus() != null
                && x.getStatus().getPhase() != null && x.getStatus().getPhase().isTerminal())).toList();

        h.step("exactly one run evolved and switched; the others found nothing left to evolve");
        List<String> evolved = finished.stream().filter(r -> r.getStatus().getSteps().stream()
                .map(EvolveStepRecord::getName).anyMatch(EvolvePhase.BaseSnapshot::equals))
                .map(r -> r.getMetadata().getName()).toList();
        assertEquals(1, evolved.size(), () -> "left Pending: " + evolved);
        assertTrue(finished.stream().allMatch(r -> r.getStatus().getPhase() == EvolvePhase.Succeeded),
                () -> finished.stream().map(r -> r.getMetadata().getName() + "=" + r.getStatus().getPhase()).toList().toString());
        ZeoDatabase db = h.get(EvolveFixtures.database(DB));
        assertEquals(evolved.get(0) + "-evolved", db.getStatus().getActiveVolume());
        assertEquals(List.of(live), db.getStatus().getPreviousVolumes().stream().map(p -> p.getName()).toList());
        assertEquals(1, h.lineage().volumesMountedByEvolveJobs().size(), () -> h.lineage().toString());
        assertTrue(h.client().persistentVolumeClaims().inNamespace(NS).withName(live).get() != null,
                "the pre-evolve volume is retained");

        h.step("the claim went with the run that held it");
        h.awaitThat("no claim left", () -> h.client().configMaps().inNamespace(NS)
                .withName(AdmissionClaim.name(DB)).get() == null);
    }

    @Test
    void aLoneRunTakesTheClaimAndGoesOnWithoutRecordingAWait() {
        h.step("one EvolveRun, no rival: it asks for the claim, sees it won and goes on in the same reconcile");
        EvolveRun run = h.apply(EvolveFixtures.run("alone"));
        h.awaitPhase(run, EvolvePhase.EnteringReadOnly);
        java.util.Set<String> reasons = h.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "alone".equals(e.getInvolvedObject().getName()))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).collect(java.util.stream.Collectors.toSet());
        assertTrue(reasons.contains("BaseSnapshot"), reasons::toString);
        assertTrue(!reasons.contains("WaitingForDatabase"), () -> "no wait was recorded: " + reasons);
        assertEquals(run.getMetadata().getName(), h.client().configMaps().inNamespace(NS)
                .withName(AdmissionClaim.name(DB)).get().getData().get("run"));
    }
}
