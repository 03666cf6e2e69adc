package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;
import static org.karlproject.operator.site.SiteFixtures.karl;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.JobRule;
import org.karlproject.operator.site.rollout.Selectors;

/**
 * The order of an upgrade that evolves the database, and its ways back, watched against invariant 1 ("code
 * and data move together"): a watcher looks at the simulated cluster all the time and records every moment
 * in which a writable ZEO serves data of other generations than the release the stable Service selects
 * expects, or a release's pods run scaled up against a writable database of other generations than it
 * expects.
 */
class EvolveOrderScenariosTest extends SiteScenario {
    private static final Map<String, Map<String, Long>> EXPECTS = Map.of(R330, karl(28), R331, karl(28),
            R332, karl(29));

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean watching;
    private Thread watcher;

    @AfterEach
    void stopWatching() throws InterruptedException {
        watching = false;
        if (watcher != null) {
            watcher.join();
        }
    }

    /** Site acme on 3.30, Ready, and the database at karl 28; then the watcher starts. */
    private String installed() {
        h.apply(ref("acme"));
        String revision = awaitActive("acme", R330).getStatus().getActiveRevision();
        awaitDatabase("to record karl 28 from the first release", db -> karl(28).equals(db.getGenerations()));
        watch();
        return revision;
    }

    private void watch() {
        watching = true;
        watcher = new Thread(() -> {
            while (watching) {
                try {
                    check().ifPresent(v -> {
                        if (violations.isEmpty() || !violations.get(violations.size() - 1).equals(v)) {
                            violations.add(v);
                        }
                    });
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // an object read while it changes; look again
                }
            }
        }, "invariant-1");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** A violation of invariant 1 right now, if any. */
    private Optional<String> check() {
        Optional<Map<String, Long>> writable = h.cluster().writableGenerations(NS, DB, karl(28));
        if (writable.isEmpty()) {
            return Optional.empty();
        }
        String served = servedRevision("acme");
        for (Deployment d : h.client().apps().deployments().inNamespace(NS).withLabel(Labels.SITE, "acme").list()
                .getItems()) {
            Map<String, String> labels = d.getMetadata().getLabels();
            if (!labels.containsKey(Selectors.REVISION)) {
                continue;
            }
            String release = labels.get(Labels.RELEASE);
            boolean selected = labels.get(Selectors.REVISION).equals(served);
            boolean up = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1) > 0;
            if ((selected || up) && !writable.get().equals(EXPECTS.get(release))) {
                return Optional.of((selected ? "the stable Service selects " : "pods of ") + release + " (expects "
                        + EXPECTS.get(release) + ") while a writable ZEO serves data at " + writable.get());
            }
        }
        return Optional.empty();
    }

    private void slowSmokeCheck() {
        h.cluster().onJobs(JobRule.succeed(JobMatcher.matching().namePrefix("acme-smoke")).after(Duration.ofSeconds(2)));
    }

    private void slowEvolveJob() {
        h.cluster().onJobs(JobRule.succeed(JobMatcher.matching().name(SiteNames.evolveRun("acme", R332) + "-evolve"))
                .after(Duration.ofSeconds(2)));
    }

    private EvolveRun run() {
        return h.get(awaitEvolveRun(SiteNames.evolveRun("acme", R332)));
    }

    @Test
    void theDatabaseStaysReadOnlyUntilTrafficIsOnTheEvolvedRelease() {
        installed();
        slowSmokeCheck();

        h.step("ops set spec.release to 3.32 (karl 29): the evolve runs before any 3.32 pod exists");
        editSpec("acme", spec -> spec.setRelease(R332));

        h.step("during the smoke check the database serves the evolved copy and is still read-only");
        KarlSite site = awaitPhase("acme", RolloutPhase.SmokeChecking);
        assertEquals(karl(29), database().getGenerations());
        assertTrue(database().getReadOnly().getActive(), "read-only during the smoke check");
        assertEquals(EvolvePhase.AwaitingTraffic, run().getStatus().getPhase());

        h.step("traffic switches, then the database is writable and the run has succeeded");
        site = awaitActive("acme", R332);
        EvolveRun done = h.awaitPhase(run(), EvolvePhase.Succeeded);
        assertTrue(!java.time.Instant.parse(done.getStatus().getReadOnlySince())
                .plusSeconds(done.getStatus().getReadOnlySeconds())
                .isBefore(java.time.Instant.parse(site.getStatus().getSwitchedAt())),
                "the read-only window ends at or after the switch");
        awaitDatabase("to be writable", db -> !db.getReadOnly().getActive());
        assertEquals(List.of(), violations);
        List<EvolvePhase> order = done.getStatus().getSteps().stream().map(s -> s.getName()).toList();
        assertEquals(List.of(EvolvePhase.Pending, EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving, EvolvePhase.Switching,
                EvolvePhase.AwaitingTraffic, EvolvePhase.LeavingReadOnly), order);
    }

    @Test
    void theCandidateStartsOnlyOnTheEvolvedCopy() {
        installed();
        slowEvolveJob();

        h.step("ops set spec.release to 3.32: while the evolve Job runs there is no 3.32 pod");
        editSpec("acme", spec -> spec.setRelease(R332));
        h.await(jobRef(SiteNames.evolveRun("acme", R332) + "-evolve"), "to run", j -> true);
        assertEquals(RolloutPhase.Evolving, site("acme").getStatus().getPhase());
        assertTrue(releaseDeployments("acme", R332).stream().allMatch(d -> replicas(d, 0)),
                "no 3.32 pod before the evolve");
        awaitActive("acme", R332);
        assertEquals(List.of(), violations);
    }

    @Test
    void aFailedSmokeCheckAfterTheEvolveGoesBackToTheOriginalVolume() {
        String served = installed();
        String live = database().getActiveVolume();
        h.cluster().failJobs(JobMatcher.matching().namePrefix("acme-smoke"));

        h.step("the smoke check of 3.32 fails after the evolve: the rollout aborts");
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitPhase("acme", RolloutPhase.Aborted);

        h.step("the run asks the database to serve its original volume again; the copy is kept for inspection");
        EvolveRun failed = h.awaitPhase(run(), EvolvePhase.Failed);
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        assertEquals(served, servedRevision("acme"));
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        PersistentVolumeClaim copy = h.client().persistentVolumeClaims().inNamespace(NS)
                .withName(failed.getStatus().getRestoredVolume()).get();
        assertTrue(copy != null && copy.getMetadata().getDeletionTimestamp() == null, "the evolved copy is retained");
        assertTrue(h.lineage().holdsAllWrites(NS, live, h.lineage().lastWriteId(), live));
        assertEquals(List.of(), violations);
    }

    @Test
    void aRollbackDuringTheEvolveCancelsTheRunBeforeTheVolumeSwitch() {
        installed();
        String live = database().getActiveVolume();
        slowEvolveJob();
        editSpec("acme", spec -> spec.setRelease(R332));
        h.await(jobRef(SiteNames.evolveRun("acme", R332) + "-evolve"), "to run", j -> true);

        h.step("ops set spec.release back to 3.30 while the evolve Job runs: the site cancels its run");
        editSpec("acme", spec -> spec.setRelease(R330));
        EvolveRun cancelled = h.awaitPhase(run(), EvolvePhase.Failed);
        assertEquals("Cancelled", org.karlproject.operator.sim.SimHarness.condition(cancelled, "Stalled")
                .orElseThrow().get("reason"));
        awaitActive("acme", R330);
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        assertEquals(List.of(), violations);
    }

    @Test
    void aRollbackDuringTheSmokeCheckSwitchesTheDatabaseBack() {
        installed();
        String live = database().getActiveVolume();
        h.cluster().hangJobs(JobMatcher.matching().namePrefix("acme-smoke"));
        editSpec("acme", spec -> spec.setRelease(R332));
        awaitPhase("acme", RolloutPhase.SmokeChecking);

        h.step("ops set spec.release back to 3.30 during the smoke check, after the volume switch: back to "
                + "the original volume, which nothing could write since the final snapshot");
        editSpec("acme", spec -> spec.setRelease(R330));
        h.awaitPhase(run(), EvolvePhase.Failed);
        KarlSite site = awaitActive("acme", R330);
        assertEquals(live, database().getActiveVolume());
        assertEquals(karl(28), database().getGenerations());
        assertEquals(site.getStatus().getActiveRevision(), servedRevision("acme"));
        awaitDatabase("to be writable again", db -> !db.getReadOnly().getActive());
        assertEquals(List.of(), violations);
    }

    private static io.fabric8.kubernetes.api.model.batch.v1.Job jobRef(String name) {
        return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().build();
    }
}
