package org.karlproject.operator.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.status.Health;

/** Phase decisions, without a server: an in-memory world, recorded actions, a fixed time. */
class PhaseStepTest {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final EvolveSettings SETTINGS = new EvolveSettings(Duration.ofMinutes(5), Duration.ofMinutes(5),
            Duration.ofSeconds(30));
    static final String UID = "4f1c2b1e-run";

    final Map<String, HasMetadata> objects = new HashMap<>();
    final List<EvolveRun> runs = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    EvolveRun run;
    EvolveRunStatus status;

    @BeforeEach
    void world() {
        run = EvolveFixtures.run("run");
        run.getMetadata().setUid(UID);
        run.getMetadata().setCreationTimestamp("2026-11-29T09:00:00Z");
        runs.add(run);
        status = new EvolveRunStatus();
        Phases.start(status, T0);
        run.setStatus(status);
        put(siteRollingOutTo(EvolveFixtures.TARGET));
        put(database(Map.of("karl", 27L, "osi", 3L), null));
        for (ReleaseIndex release : EvolveFixtures.releases()) {
            ReleaseIndexStatus rs = new ReleaseIndexStatus();
            rs.setConditions(List.of(ready()));
            rs.setGenerations(new TreeMap<>(release.getMetadata().getName().equals(EvolveFixtures.TARGET)
                    ? Map.of("karl", 29L, "osi", 5L) : Map.of("karl", 28L)));
            release.setStatus(rs);
            put(release);
        }
    }

    // ---- Pending ----

    @Test
    void pendingRecordsWhereTheRunStartsAndGoesToTheBaseSnapshot() {
        Step step = step(T0);
        assertEquals(EvolvePhase.BaseSnapshot, step.next());
        assertEquals(EvolveFixtures.DB, status.getDatabase());
        assertEquals("acme-production-data", status.getSourceVolume());
        assertEquals("karl=27 osi=3", status.getFrom());
        assertEquals("karl=29 osi=5", status.getTo());
        assertEquals(List.of("allowed_to_view", "creation_date", "texts", "title"), status.getReindex());
        assertEquals(List.of("claim ConfigMap acme-production-evolve-claim"), actions,
                "Pending creates only its claim on the database");
    }

    @Test
    void pendingWaitsForWhatIsMissing() {
        objects.remove("KarlSite/" + EvolveFixtures.SITE);
        assertEquals("SiteMissing", step(T0).verdict().reason());
        put(EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB));
        objects.remove("ReleaseIndex/" + EvolveFixtures.TARGET);
        assertEquals("ReleaseMissing", step(T0).verdict().reason());
        objects.remove("ZeoDatabase/" + EvolveFixtures.DB);
        Step step = step(T0);
        assertEquals("DatabaseMissing", step.verdict().reason());
        assertEquals(Health.State.PROGRESSING, step.verdict().state());
        assertFalse(step.moves());
    }

    @Test
    void pendingStallsOnAnInvalidSpec() {
        run.getSpec().setCommand(List.of(""));
        Step step = step(T0);
        assertEquals("InvalidSpec", step.verdict().reason());
        assertEquals(Health.State.STALLED, step.verdict().state());
        assertTrue(step.verdict().message().contains("spec.command[0]"), step.verdict().message());
    }

    @Test
    void nothingToEvolveWhenTheDatabaseIsAtTheTarget() {
        put(database(Map.of("karl", 29L, "osi", 5L), null));
        Step step = step(T0);
        assertEquals(EvolvePhase.Succeeded, step.next());
        assertEquals("NothingToEvolve", step.verdict().reason());
        assertNull(status.getSourceVolume());
    }

    @Test
    void anotherRunPastPendingHoldsTheDatabase() {
        EvolveRun other = rival("other", "2026-11-29T09:30:00Z", EvolvePhase.Evolving);
        Step step = step(T0);
        assertFalse(step.moves());
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun other"));
        other.getStatus().setPhase(EvolvePhase.Failed);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
    }

    @Test
    void twoPendingRunsTieBreakByCreationThenName() {
        rival("aaa", "2026-11-29T09:00:00Z", EvolvePhase.Pending);
        assertEquals("WaitingForDatabase", step(T0).verdict().reason(), "same time: the first name goes first");
        runs.removeIf(r -> r.getMetadata().getName().equals("aaa"));
        rival("zzz", "2026-11-29T09:00:00Z", EvolvePhase.Pending);
        rival("later", "2026-11-29T09:10:00Z", EvolvePhase.Pending);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
    }

    @Test
    void aRivalCreatedAMomentAgoWithoutStatusIsSeenThroughItsSpec() {
        EvolveRun rival = EvolveFixtures.run("aaa");
        rival.getMetadata().setCreationTimestamp("2026-11-29T09:00:00Z");
        runs.add(rival); // no status yet: its database is its site's
        Step step = step(T0);
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun aaa"), step.verdict().message());
    }

    @Test
    void theClaimAdmitsOneRunAtATimeAndAStaleOneIsReleased() {
        EvolveRun other = EvolveFixtures.run("zzz");
        other.getMetadata().setUid("uid-zzz");
        other.getMetadata().setCreationTimestamp("2026-11-29T09:30:00Z");
        put(AdmissionClaim.of(other, EvolveFixtures.DB)); // zzz claimed first (this run's cache did not show it)
        runs.add(other);
        Step step = step(T0);
        assertFalse(step.moves());
        assertEquals("WaitingForDatabase", step.verdict().reason());
        assertTrue(step.verdict().message().contains("EvolveRun zzz holds"), step.verdict().message());
        assertTrue(actions.isEmpty(), () -> actions.toString());

        other.setStatus(new EvolveRunStatus());
        other.getStatus().setPhase(EvolvePhase.Failed); // finished without releasing (an operator crash)
        assertFalse(step(T0).moves());
        assertEquals(List.of("release ConfigMap acme-production-evolve-claim"), actions);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next());
        assertEquals(UID, AdmissionClaim.holderUid((io.fabric8.kubernetes.api.model.ConfigMap)
                objects.get("ConfigMap/acme-production-evolve-claim")));

        status.setPhase(EvolvePhase.Succeeded);
        actions.clear();
        step(T0);
        assertEquals(List.of("release ConfigMap acme-production-evolve-claim"), actions, "released when it ends");
    }

    @Test
    void aManualRunWaitsUntilItsSiteRollsOutToItsRelease() {
        put(siteRollingOutTo("acme-3-30"));
        Step step = step(T0);
        assertFalse(step.moves());
        assertEquals("NoRolloutToRelease", step.verdict().reason());
        assertTrue(step.verdict().message().contains("KarlSite acme-production has no rollout to acme-3-31"),
                step.verdict().message());
        assertTrue(step.verdict().message().contains("its target is acme-3-30"), step.verdict().message());
        assertTrue(actions.isEmpty(), "nothing claimed, nothing created");
        run.getSpec().setDryRun(true);
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "a dry run is always allowed");
        run.getSpec().setDryRun(false);
        put(EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB)); // no status at all
        assertEquals("NoRolloutToRelease", step(T0).verdict().reason());
        run.getMetadata().setAnnotations(Map.of(org.karlproject.operator.k8s.Labels.SITE_GENERATION, "3"));
        assertEquals(EvolvePhase.BaseSnapshot, step(T0).next(), "the site's own run");
    }

    // ---- snapshots ----

    @Test
    void theBaseSnapshotIsCreatedOnceUnderItsRecordedName() {
        enter(EvolvePhase.BaseSnapshot);
        assertEquals("run-base", status.getBaseSnapshot());
        Step first = step(T0);
        assertFalse(first.moves());
        assertEquals(List.of("create VolumeSnapshot run-base"), actions);
        put(snapshot("run-base", false, null));
        Step again = step(T0.plusSeconds(10));
        assertFalse(again.moves());
        assertEquals(1, actions.size(), "found, not created again");
        put(snapshot("run-base", true, null));
        assertEquals(EvolvePhase.EnteringReadOnly, step(T0.plusSeconds(20)).next());
        run.getSpec().setDryRun(true);
        assertEquals(EvolvePhase.Restoring, step(T0.plusSeconds(20)).next(), "a dry run restores the base snapshot");
    }

    @Test
    void aSnapshotErrorOrDeadlineFailsTheRun() {
        enter(EvolvePhase.BaseSnapshot);
        put(snapshot("run-base", false, null));
        assertEquals("SnapshotTimedOut", step(T0.plus(SETTINGS.snapshotDeadline())).verdict().reason());
        put(snapshot("run-base", false, "quota exceeded"));
        Step step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("SnapshotFailed", step.verdict().reason());
        assertTrue(step.message().contains("quota exceeded"));
    }

    // ---- read-only, budget, evolve, switch ----

    @Test
    void enteringReadOnlyWaitsForTheDatabaseToListTheHold() {
        enter(EvolvePhase.EnteringReadOnly);
        assertEquals(Phases.time(T0), status.getReadOnlySince());
        assertEquals("EnteringReadOnly", step(T0).verdict().reason());
        put(database(Map.of("karl", 27L, "osi", 3L), "run"));
        assertEquals(EvolvePhase.FinalSnapshot, step(T0.plusSeconds(5)).next());
    }

    @Test
    void theBudgetAbortsEveryPhaseBeforeTheSwitchAndTheSwitchHasItsOwnDeadline() {
        enter(EvolvePhase.EnteringReadOnly);
        Instant late = T0.plusSeconds(run.getSpec().getReadOnlyBudgetSeconds());
        for (EvolvePhase phase : List.of(EvolvePhase.EnteringReadOnly, EvolvePhase.FinalSnapshot,
                EvolvePhase.Restoring, EvolvePhase.Evolving)) {
            status.setPhase(phase);
            assertEquals("ReadOnlyBudgetExceeded", step(late).verdict().reason(), phase.name());
        }
        status.setPhase(EvolvePhase.Switching);
        status.setRestoredVolume("run-evolved");
        Step switching = step(late);
        assertEquals(EvolvePhase.SwitchingBack, switching.next(), "from Switching the way back is the switch back");
        assertEquals("SwitchDeadlineExceeded", status.getSwitchBackReason(), "Switching has its own deadline");
    }

    @Test
    void aWaitingPhaseLooksAgainWhenTheBudgetRunsOut() {
        enter(EvolvePhase.EnteringReadOnly);
        Step step = step(T0.plusSeconds(1000));
        assertEquals(Duration.ofSeconds(800), step.recheck());
    }

    @Test
    void anEvolveJobPastItsDeadlineFailsTheRun() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Evolving);
        put(copy("Bound", UID));
        step(T0);
        assertEquals(List.of("create Job run-evolve"), actions);
        Job job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("run-evolve")
                .withLabels(Map.of(org.karlproject.operator.k8s.Labels.OWNER_UID, UID)).endMetadata().withStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder()
                        .withType("Failed").withStatus("True").withReason("DeadlineExceeded").build()).build()).build();
        put(job);
        assertEquals("EvolveJobDeadlineExceeded", step(T0.plusSeconds(60)).verdict().reason());
    }

    @Test
    void switchingRecordsThePreviousVolumeOnceTheDatabaseServesTheCopy() {
        status.setSourceVolume("acme-production-data");
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.Switching);
        ZeoDatabase db = database(Map.of("karl", 29L, "osi", 5L), "run");
        db.getStatus().setActiveVolume("run-evolved");
        put(db);
        assertEquals(EvolvePhase.AwaitingTraffic, step(T0).next());
        enter(EvolvePhase.AwaitingTraffic);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        put(site);
        assertFalse(step(T0).moves(), "read-only until the site's traffic is on the release");
        assertEquals(null, status.getPreviousVolume());
        site.getStatus().setActiveRelease(run.getSpec().getRelease());
        site.getStatus().setSwitchedAt(T0.toString());
        assertEquals(EvolvePhase.LeavingReadOnly, step(T0).next());
        assertEquals("acme-production-data", status.getPreviousVolume());
        enter(EvolvePhase.LeavingReadOnly);
        assertFalse(step(T0).moves(), "still listed as a holder");
        put(database(Map.of("karl", 29L, "osi", 5L), null));
        assertEquals(EvolvePhase.Succeeded, step(T0).next());
    }

    @Test
    void aSiteMissingFromTheCacheSendsTheRunBackOnlyOnceItHasStayedMissing() {
        status.setRestoredVolume("run-evolved");
        enter(EvolvePhase.AwaitingTraffic);
        objects.remove("KarlSite/" + EvolveFixtures.SITE);
        Step first = step(T0);
        assertFalse(first.moves(), "a cache that has not caught up (a restart) looks the same as a deletion");
        assertEquals(EvolveSettings.SITE_MISSING_GRACE, first.recheck());
        assertEquals(T0.toString(), status.getSiteMissingSince());
        assertFalse(step(T0.plusSeconds(5)).moves());
        assertEquals(EvolvePhase.SwitchingBack, step(T0.plus(EvolveSettings.SITE_MISSING_GRACE).plusSeconds(1)).next(),
                "gone for good: the database goes back to the original");

        status.setPhase(EvolvePhase.AwaitingTraffic);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        put(site);
        assertFalse(step(T0.plusSeconds(120)).moves());
        assertNull(status.getSiteMissingSince(), "seen again: the clock starts anew");
    }

    @Test
    void aRunItsSiteCancelsFailsBeforeTheSwitchAndSwitchesBackAfterIt() {
        status.setSourceVolume("acme-production-data");
        status.setRestoredVolume("run-evolved");
        status.setDatabase(EvolveFixtures.DB);
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setTargetRelease(run.getSpec().getRelease());
        site.getStatus().setCancelEvolveRuns(new ArrayList<>(List.of("run")));
        put(site);
        for (EvolvePhase phase : List.of(EvolvePhase.BaseSnapshot, EvolvePhase.EnteringReadOnly,
                EvolvePhase.FinalSnapshot, EvolvePhase.Restoring, EvolvePhase.Evolving)) {
            status.setPhase(phase);
            Step step = step(T0);
            assertEquals(EvolvePhase.Failed, step.next(), phase::toString);
            assertEquals("Cancelled", step.verdict().reason(), phase::toString);
        }
        for (EvolvePhase phase : List.of(EvolvePhase.Switching, EvolvePhase.AwaitingTraffic)) {
            status.setPhase(phase);
            assertEquals(EvolvePhase.SwitchingBack, step(T0).next(), phase::toString);
            assertEquals("Cancelled", status.getSwitchBackReason());
        }
        enter(EvolvePhase.SwitchingBack);
        ZeoDatabase db = database(Map.of("karl", 29L, "osi", 5L), "run");
        db.getStatus().setActiveVolume("run-evolved");
        put(db);
        assertFalse(step(T0).moves(), "until the database serves the original again");
        put(database(Map.of("karl", 27L, "osi", 3L), "run"));
        Step failed = step(T0);
        assertEquals(EvolvePhase.Failed, failed.next());
        assertEquals("Cancelled", failed.verdict().reason());
    }

    // ---- child identity (invariant 3) and first consumers ----

    @Test
    void aChildNameHeldByAnotherFailsTheRunInPendingBeforeAnythingIsCreated() {
        put(copy("Bound", "another-run-uid"));
        Step step = step(T0);
        assertEquals(EvolvePhase.Failed, step.next());
        assertEquals("NameTaken", step.verdict().reason());
        assertTrue(step.message().contains("PersistentVolumeClaim run-evolved"), step.message());
        assertTrue(step.message().contains("another-run-uid"), step.message());
        assertTrue(actions.isEmpty());
        objects.remove("PersistentVolumeClaim/run-evolved");
        put(copy("Bound", null));
        assertEquals("NameTaken", step(T0).verdict().reason(), "no label: not the run's either");
    }

    @Test
    void everyPhaseRefusesAForeignChildAndNeverTouchesIt() {
        enter(EvolvePhase.BaseSnapshot);
        GenericKubernetesResource foreign = snapshot("run-base", true, null);
        foreign.getMetadata().getLabels().put(org.karlproject.operator.k8s.Labels.OWNER_UID, "old-run-uid");
        put(foreign);
        assertEquals("NameTaken", step(T0).verdict().reason(), "a ready snapshot of a deleted run of the same name");
        status.setFinalSnapshot("run-final");
        put(snapshot("run-final", true, null));
        enter(EvolvePhase.Restoring);
        put(copy("Bound", "old-run-uid"));
        assertEquals("NameTaken", step(T0).verdict().reason(), "a Bound copy of a deleted run");
        enter(EvolvePhase.Evolving);
        assertEquals("NameTaken", step(T0).verdict().reason(), "never mounted by the Job");
        assertTrue(actions.isEmpty(), () -> actions.toString());
        status.setPhase(EvolvePhase.Failed);
        run.getSpec().setKeepRestoredVolumeOnFailure(false);
        step(T0);
        run.getSpec().setDryRun(true);
        status.setPhase(EvolvePhase.Succeeded);
        step(T0);
        assertTrue(actions.isEmpty(), () -> "neither labelled nor deleted: " + actions);
    }

    @Test
    void restoringEndsOnceTheClaimExistsAndTheJobsPodIsItsFirstConsumer() {
        status.setFinalSnapshot("run-final");
        put(snapshot("run-final", true, null));
        enter(EvolvePhase.Restoring);
        step(T0);
        assertEquals(List.of("create PersistentVolumeClaim run-evolved"), actions);
        put(copy("Pending", UID));
        assertEquals(EvolvePhase.Evolving, step(T0.plusSeconds(1)).next(), "Pending (WaitForFirstConsumer) is enough");
        put(copy("Lost", UID));
        assertEquals("RestoreFailed", step(T0.plusSeconds(1)).verdict().reason());

        put(copy("Pending", UID));
        enter(EvolvePhase.Evolving);
        actions.clear();
        Step started = step(T0);
        assertEquals(List.of("create Job run-evolve"), actions);
        assertFalse(started.moves());
        put(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("run-evolve")
                .withLabels(Map.of(org.karlproject.operator.k8s.Labels.OWNER_UID, UID)).endMetadata().build());
        Step unbound = step(T0.plusSeconds(10));
        assertFalse(unbound.moves(), "waits for the copy to bind");
        assertEquals(SETTINGS.restoreDeadline().minusSeconds(10), unbound.recheck());
        assertEquals("RestoreTimedOut", step(T0.plus(SETTINGS.restoreDeadline())).verdict().reason());
    }

    // ---- bookkeeping and terminal phases ----

    @Test
    void aPhaseChangeClosesTheStepAndRecordsTheNextNamesBeforeAnythingIsCreated() {
        Phases.apply(status, Step.advance(EvolvePhase.BaseSnapshot, "go"), run, T0.plusSeconds(3));
        assertEquals(2, status.getSteps().size());
        assertEquals("Succeeded", status.getSteps().get(0).getOutcome());
        assertEquals("Running", status.getSteps().get(1).getOutcome());
        assertEquals("run-base", status.getBaseSnapshot());
        Phases.apply(status, Step.fail("SnapshotFailed", "boom"), run, T0.plusSeconds(9));
        assertEquals(EvolvePhase.Failed, status.getPhase());
        assertEquals("Failed", status.getSteps().get(1).getOutcome());
        assertEquals(9L, status.getDurationSeconds());
        assertEquals(2, status.getSteps().size(), "no record for a terminal phase");
    }

    @Test
    void aFailedRunLabelsItsCopyOnceAndThenDoesNothing() {
        status.setRestoredVolume("run-evolved");
        status.setPhase(EvolvePhase.Failed);
        PersistentVolumeClaim copy = copy("Bound", UID);
        put(copy);
        step(T0);
        assertEquals(List.of("label run-evolved deploy.karlproject.org/inspect=true"), actions);
        copy.getMetadata().getLabels().put(ChildNames.INSPECT_LABEL, "true");
        actions.clear();
        Step step = step(T0);
        assertTrue(actions.isEmpty());
        assertNull(step.verdict(), "the recorded verdict stays");
    }

    // ---- helpers ----

    private Step step(Instant now) {
        EvolveContext ctx = new EvolveContext(run, status, now, SETTINGS, new MapWorld(), new RecordingActions());
        return Phases.handler(status.getPhase()).handle(ctx);
    }

    private void enter(EvolvePhase phase) {
        status.setDatabase(EvolveFixtures.DB);
        status.setSourceVolume("acme-production-data");
        status.setToGenerations(new TreeMap<>(Map.of("karl", 29L, "osi", 5L)));
        Phases.apply(status, Step.advance(phase, "test"), run, T0);
    }

    private EvolveRun rival(String name, String created, EvolvePhase phase) {
        EvolveRun other = EvolveFixtures.run(name);
        other.getMetadata().setCreationTimestamp(created);
        other.setStatus(new EvolveRunStatus());
        other.getStatus().setDatabase(EvolveFixtures.DB);
        other.getStatus().setPhase(phase);
        runs.add(other);
        return other;
    }

    private void put(HasMetadata object) {
        objects.put(object.getKind() + "/" + object.getMetadata().getName(), object);
    }

    private static Condition ready() {
        return new ConditionBuilder().withType("Ready").withStatus("True").withReason("Ok").build();
    }

    private static ZeoDatabase database(Map<String, Long> generations, String holder) {
        ZeoDatabase db = EvolveFixtures.database(EvolveFixtures.DB);
        ZeoDatabaseStatus s = new ZeoDatabaseStatus();
        s.setActiveVolume("acme-production-data");
        s.setGenerations(new TreeMap<>(generations));
        s.setConditions(List.of(ready()));
        ReadOnlyStatus ro = new ReadOnlyStatus();
        ro.setActive(holder != null);
        if (holder != null) {
            ReadOnlyHolder h = new ReadOnlyHolder();
            h.setKind("EvolveRun");
            h.setName(holder);
            ro.setHolders(List.of(h));
        }
        s.setReadOnly(ro);
        db.setStatus(s);
        return db;
    }

    private static KarlSite siteRollingOutTo(String release) {
        KarlSite site = EvolveFixtures.site(EvolveFixtures.SITE, EvolveFixtures.DB);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        site.getStatus().setPhase(org.karlproject.operator.api.site.RolloutPhase.Evolving);
        site.getStatus().setTargetRelease(release);
        return site;
    }

    /** The restored PVC {@code run-evolved} in {@code phase}, labelled as made by {@code ownerUid} (null: no label). */
    private static PersistentVolumeClaim copy(String phase, String ownerUid) {
        Map<String, String> labels = new HashMap<>();
        if (ownerUid != null) {
            labels.put(org.karlproject.operator.k8s.Labels.OWNER_UID, ownerUid);
        }
        return new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("run-evolved").withLabels(labels).endMetadata().withNewStatus().withPhase(phase).endStatus()
                .build();
    }

    private static GenericKubernetesResource snapshot(String name, boolean ready, String error) {
        EvolveRun maker = EvolveFixtures.run("run");
        maker.getMetadata().setUid(UID);
        GenericKubernetesResource snapshot = EvolveSnapshots.of(maker, name, "acme-production-data",
                EvolveFixtures.DB, null);
        Map<String, Object> s = new HashMap<>();
        s.put("readyToUse", ready);
        s.put("restoreSize", "2Gi");
        if (error != null) {
            s.put("error", Map.of("message", error));
        }
        snapshot.setAdditionalProperty("status", s);
        return snapshot;
    }

    private final class MapWorld implements World {
        private <T extends HasMetadata> Optional<T> find(Class<T> type, String kind, String name) {
            return Optional.ofNullable(objects.get(kind + "/" + name)).map(type::cast);
        }

        public Optional<KarlSite> site(String name) {
            return find(KarlSite.class, "KarlSite", name);
        }

        public Optional<ZeoDatabase> database(String name) {
            return find(ZeoDatabase.class, "ZeoDatabase", name);
        }

        public Optional<ReleaseIndex> release(String name) {
            return find(ReleaseIndex.class, "ReleaseIndex", name);
        }

        public List<ReleaseIndex> releases() {
            return objects.values().stream().filter(ReleaseIndex.class::isInstance).map(ReleaseIndex.class::cast).toList();
        }

        public List<EvolveRun> runs() {
            return runs;
        }

        public Optional<GenericKubernetesResource> snapshot(String name) {
            return find(GenericKubernetesResource.class, "VolumeSnapshot", name);
        }

        public Optional<PersistentVolumeClaim> volume(String name) {
            return find(PersistentVolumeClaim.class, "PersistentVolumeClaim", name);
        }

        public Optional<Job> job(String name) {
            return find(Job.class, "Job", name);
        }

        public Optional<io.fabric8.kubernetes.api.model.ConfigMap> claim(String database) {
            return find(io.fabric8.kubernetes.api.model.ConfigMap.class, "ConfigMap", AdmissionClaim.name(database));
        }
    }

    private final class RecordingActions implements Actions {
        public void create(GenericKubernetesResource snapshot) {
            actions.add("create VolumeSnapshot " + snapshot.getMetadata().getName());
        }

        public void create(PersistentVolumeClaim volume) {
            actions.add("create PersistentVolumeClaim " + volume.getMetadata().getName());
        }

        public void create(Job job) {
            actions.add("create Job " + job.getMetadata().getName());
        }

        public void label(PersistentVolumeClaim volume, String key, String value) {
            actions.add("label " + volume.getMetadata().getName() + " " + key + "=" + value);
        }

        public void delete(PersistentVolumeClaim volume) {
            actions.add("delete PersistentVolumeClaim " + volume.getMetadata().getName());
        }

        public void delete(Job job) {
            actions.add("delete Job " + job.getMetadata().getName());
        }

        public boolean claim(io.fabric8.kubernetes.api.model.ConfigMap claim) {
            actions.add("claim ConfigMap " + claim.getMetadata().getName());
            if (objects.containsKey("ConfigMap/" + claim.getMetadata().getName())) {
                return false;
            }
            put(claim);
            return true;
        }

        public void release(io.fabric8.kubernetes.api.model.ConfigMap claim) {
            actions.add("release ConfigMap " + claim.getMetadata().getName());
            objects.remove("ConfigMap/" + claim.getMetadata().getName());
        }
    }
}
