package org.karlproject.operator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.train.ReleaseOverride;
import org.karlproject.operator.api.train.ReleaseTrainSpec;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.api.train.TrainStage;
import org.karlproject.operator.api.train.TrainStages;
import org.karlproject.operator.api.train.TrainSites;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.status.Health;

/** The train's pure decide step, stepped by hand: the sites do what each test says between two decisions. */
class TrainDecideTest {

    static final String LABEL = "karl.example.org/train";
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    final Map<String, TrainView.Site> sites = new LinkedHashMap<>();
    final List<TrainView.Release> releases = new ArrayList<>();
    ReleaseTrainStatus status = new ReleaseTrainStatus();
    final Map<String, String> movedByOthers = new java.util.TreeMap<>();
    final Map<String, String> claimedByFirst = new java.util.TreeMap<>();
    Decision<ReleaseTrainStatus> last;

    /** A customer: namespace {@code c}, releases c-3-30 and c-3-31 (package c), staging and a gated production. */
    void customer(String c) {
        releases.add(new TrainView.Release(c, "karl-3-31", true, "3.31", true, Set.of("karl")));
        releases.add(new TrainView.Release(c, c + "-3-31", true, "3.31", false, Set.of("karl", c)));
        releases.add(new TrainView.Release(c, c + "-3-30", true, "3.30", false, Set.of("karl", c)));
        put(site(c, c + "-staging", false, null, c + "-3-30"));
        put(site(c, c + "-production", true, c + "-staging", c + "-3-30"));
    }

    static TrainView.Site site(String ns, String name, boolean production, String gate, String active) {
        return new TrainView.Site(ns, name, Map.of(LABEL, "weekly"), null, production, ns, gate, active, active,
                RolloutPhase.Stable, true, Set.of(active));
    }

    void put(TrainView.Site site) {
        sites.put(site.key(), site);
    }

    /** The site moved to its train target: Ready and Stable on it, verified. */
    void arrive(String ns, String name) {
        TrainView.Site s = sites.get(ns + "/" + name);
        String to = row(ns, name).getTo();
        Set<String> verified = new HashSet<>(s.verified());
        verified.add(to);
        put(new TrainView.Site(ns, name, s.labels(), s.releaseTrain(), s.production(), s.customizationPackage(),
                s.requireVerifiedIn(), to, to, RolloutPhase.Stable, true, verified));
    }

    void phase(String ns, String name, RolloutPhase phase, boolean ready) {
        TrainView.Site s = sites.get(ns + "/" + name);
        put(new TrainView.Site(ns, name, s.labels(), s.releaseTrain(), s.production(), s.customizationPackage(),
                s.requireVerifiedIn(), s.activeRelease(), row(ns, name).getTo(), phase, ready, s.verified()));
    }

    static ReleaseTrainSpec spec(int parallelism, int canary, String maxParallel, int bake, int budget) {
        ReleaseTrainSpec spec = new ReleaseTrainSpec();
        spec.setKarlVersion("3.31");
        TrainSites selection = new TrainSites();
        selection.setMatchLabels(Map.of(LABEL, "weekly"));
        spec.setSites(selection);
        TrainStages stages = new TrainStages();
        stages.setStagingParallelism(parallelism);
        stages.setCanary(canary);
        stages.setMaxParallel(maxParallel);
        stages.setBakeSeconds(bake);
        spec.setStages(stages);
        spec.setFailureBudget(budget);
        return spec;
    }

    Decision<ReleaseTrainStatus> decide(ReleaseTrainSpec spec) {
        TrainView view = new TrainView("fleet", "weekly", now, List.copyOf(sites.values()), List.copyOf(releases),
                movedByOthers, claimedByFirst);
        // the skeleton hands decide a copy of the recorded status: the same here, through JSON
        ReleaseTrainStatus copy = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(status, ReleaseTrainStatus.class);
        last = TrainDecide.decide(spec, view, copy);
        status = last.status();
        return last;
    }

    TrainSite row(String ns, String name) {
        return status.getSites().stream().filter(r -> r.key().equals(ns + "/" + name)).findFirst().orElseThrow();
    }

    SiteState state(String ns, String name) {
        return row(ns, name).getState();
    }

    @Test
    void stagingFirstThenTheCanaryBakesThenWaves() {
        customer("a");
        customer("b");
        customer("c");
        ReleaseTrainSpec spec = spec(2, 1, "2", 60, 0);

        decide(spec);
        assertEquals(TrainStage.Staging, status.getStage());
        assertEquals(List.of(SiteState.InProgress, SiteState.InProgress, SiteState.Waiting),
                List.of(state("a", "a-staging"), state("b", "b-staging"), state("c", "c-staging")));
        assertEquals("a-3-31", row("a", "a-staging").getTo());
        assertEquals("a-3-30", row("a", "a-staging").getFrom());
        assertTrue(status.getSites().stream().filter(r -> r.getSite().endsWith("production"))
                .allMatch(r -> r.getState() == SiteState.Waiting), "no production site moves during staging");

        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-staging"));
        assertEquals(SiteState.InProgress, state("c", "c-staging"), "a freed slot starts the next staging site");
        assertEquals(SiteState.Waiting, state("a", "a-production"), "production waits for every staging site");

        arrive("b", "b-staging");
        arrive("c", "c-staging");
        decide(spec);
        assertEquals(TrainStage.Production, status.getStage());
        assertEquals(0, status.getWave());
        assertEquals(SiteState.InProgress, state("a", "a-production"), "the canary");
        assertEquals(SiteState.Waiting, state("b", "b-production"));

        arrive("a", "a-production");
        decide(spec);
        assertEquals(SiteState.Baking, state("a", "a-production"));
        assertEquals(now.plusSeconds(60).toString(), status.getBakeUntil());
        assertEquals(SiteState.Waiting, state("b", "b-production"), "no wave during the canary's bake");
        assertEquals(30, last.recheck().orElseThrow().getSeconds(), "a 60 s bake: looks again at the poll");

        now = now.plusSeconds(61);
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-production"));
        assertEquals(1, status.getWave());
        assertEquals(List.of(SiteState.InProgress, SiteState.InProgress),
                List.of(state("b", "b-production"), state("c", "c-production")), "a wave of maxParallel 2");
        assertEquals(1, row("b", "b-production").getWave());

        arrive("b", "b-production");
        arrive("c", "c-production");
        decide(spec);
        now = now.plusSeconds(61);
        decide(spec);
        assertEquals(TrainPhase.Succeeded, status.getPhase());
        assertEquals(TrainStage.Done, status.getStage());
        assertEquals("6/6", status.getProgress());
        assertEquals(Health.State.READY, last.health().state());
        assertNotNull(status.getFinishedAt());
    }

    @Test
    void aSiteUnhealthyDuringTheBakeFailsAndHaltsTheTrainOverBudget() {
        customer("a");
        customer("b");
        ReleaseTrainSpec spec = spec(2, 1, "100%", 60, 0);
        decide(spec);
        arrive("a", "a-staging");
        arrive("b", "b-staging");
        decide(spec);
        arrive("a", "a-production");
        decide(spec);
        assertEquals(SiteState.Baking, state("a", "a-production"));

        phase("a", "a-production", RolloutPhase.Stable, false);
        decide(spec);
        assertEquals(SiteState.Failed, state("a", "a-production"));
        assertTrue(row("a", "a-production").getMessage().contains("during the bake"));
        assertEquals(TrainPhase.Halted, status.getPhase());
        assertEquals("FailureBudgetExceeded", last.health().reason());
        assertTrue(last.health().message().contains("a/a-production"), last.health().message());
        now = now.plusSeconds(600);
        decide(spec);
        assertEquals(SiteState.Waiting, state("b", "b-production"), "a halted train starts nothing");
        assertEquals(1, status.getCounts().get(SiteState.Failed));
    }

    @Test
    void failuresWithinTheBudgetDoNotHalt() {
        customer("a");
        customer("b");
        ReleaseTrainSpec spec = spec(2, 0, "1", 0, 1);
        decide(spec);
        phase("a", "a-staging", RolloutPhase.Aborted, false);
        arrive("b", "b-staging");
        decide(spec);
        assertEquals(SiteState.Failed, state("a", "a-staging"));
        assertTrue(row("a", "a-staging").getMessage().contains("Aborted"));
        assertEquals(TrainPhase.Progressing, status.getPhase());
        assertEquals(SiteState.Blocked, state("a", "a-production"), "its staging site failed without verifying");
        assertEquals(SiteState.InProgress, state("b", "b-production"), "no canary: wave 1 at once");

        arrive("b", "b-production");
        decide(spec);
        assertEquals(TrainPhase.Completed, status.getPhase());
        assertEquals(Health.State.STALLED, last.health().state());
    }

    @Test
    void aStartedSiteNotReadyWithinTheDeadlineFails() {
        customer("a");
        ReleaseTrainSpec spec = spec(1, 1, "1", 0, 0);
        spec.setSiteDeadlineSeconds(600);
        decide(spec);
        now = now.plusSeconds(601);
        decide(spec);
        assertEquals(SiteState.Failed, state("a", "a-staging"));
        assertTrue(row("a", "a-staging").getMessage().contains("within 600s"));
        assertEquals("SiteFailed", last.events().get(0).reason());
    }

    @Test
    void pausedStartsNothingAndResumes() {
        customer("a");
        ReleaseTrainSpec spec = spec(1, 1, "1", 0, 0);
        spec.setPaused(true);
        decide(spec);
        assertEquals(TrainPhase.Paused, status.getPhase());
        assertEquals(SiteState.Waiting, state("a", "a-staging"));
        spec.setPaused(false);
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        spec.setPaused(true);
        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-staging"), "what runs finishes while paused");
        assertEquals(SiteState.Waiting, state("a", "a-production"));
    }

    @Test
    void noReleaseOrTwoCandidatesBlockTheSiteNamingWhatIsMissing() {
        customer("a");
        customer("b");
        releases.removeIf(r -> r.name().equals("a-3-31"));
        releases.add(new TrainView.Release("b", "b-3-31-hotfix", true, "3.31", false, Set.of("karl", "b")));
        ReleaseTrainSpec spec = spec(2, 1, "1", 0, 5);
        decide(spec);
        assertEquals(SiteState.Blocked, state("a", "a-staging"));
        assertTrue(row("a", "a-staging").getMessage().contains("no a Ready ReleaseIndex in a based on karl 3.31 that "
                + "carries package a"), row("a", "a-staging").getMessage());
        assertEquals(SiteState.Blocked, state("b", "b-staging"));
        assertTrue(row("b", "b-staging").getMessage().contains("b-3-31 and b-3-31-hotfix"));
        assertNull(row("b", "b-staging").getTo());

        ReleaseOverride override = new ReleaseOverride();
        override.setNamespace("b");
        override.setSite("b-staging");
        override.setRelease("b-3-31-hotfix");
        spec.getOverrides().add(override);
        decide(spec);
        assertEquals(SiteState.InProgress, state("b", "b-staging"));
        assertEquals("b-3-31-hotfix", row("b", "b-staging").getTo());
    }

    @Test
    void aSiteAlreadyOnItsReleaseIsSkippedAndSitesNamingTheTrainJoinIt() {
        customer("a");
        put(site("a", "a-staging", false, null, "a-3-31"));
        put(new TrainView.Site("z", "z-site", Map.of(), "fleet/weekly", false, null, null, "karl-3-30", "karl-3-30",
                RolloutPhase.Stable, true, Set.of()));
        put(new TrainView.Site("z", "other", Map.of(LABEL, "weekly"), "other-train", false, null, null, "karl-3-30",
                "karl-3-30", RolloutPhase.Stable, true, Set.of()));
        releases.add(new TrainView.Release("z", "karl-3-31", true, "3.31", true, Set.of("karl")));
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(SiteState.Skipped, state("a", "a-staging"));
        assertEquals("karl-3-31", row("z", "z-site").getTo(), "a plain karl site moves to the karl release");
        assertTrue(status.getSites().stream().noneMatch(r -> r.getSite().equals("other")),
                "a site naming another train is not this train's");
    }

    @Test
    void aTrainSelectingNoSiteIsStalled() {
        decide(spec(1, 1, "1", 0, 0));
        assertEquals("NoSites", last.health().reason());
        assertEquals(Health.State.STALLED, last.health().state());
    }

    @Test
    void waveSizeIsACountOrAPercentageRoundedUp() {
        TrainStages stages = new TrainStages();
        stages.setMaxParallel("25%");
        assertEquals(3, stages.waveSize(10));
        assertEquals(1, stages.waveSize(1));
        stages.setMaxParallel("4");
        assertEquals(4, stages.waveSize(10));
    }

    @Test
    void aSiteAnotherTrainIsMovingIsBlockedNamingThatTrain() {
        customer("a");
        movedByOthers.put("a/a-staging", "fleet/hotfix");
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(SiteState.Blocked, state("a", "a-staging"));
        assertEquals("ReleaseTrain fleet/hotfix is moving it", row("a", "a-staging").getMessage());
        movedByOthers.clear();
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(SiteState.InProgress, state("a", "a-staging"), "once the other train is done with it");
    }

    @Test
    void anotherKarlVersionStartsTheTrainOver() {
        customer("a");
        releases.add(new TrainView.Release("a", "a-3-32", true, "3.32", false, Set.of("karl", "a")));
        ReleaseTrainSpec spec = spec(2, 0, "1", 0, 0);
        decide(spec);
        arrive("a", "a-staging");
        decide(spec);
        arrive("a", "a-production");
        decide(spec);
        assertEquals(TrainPhase.Succeeded, status.getPhase());

        spec.setKarlVersion("3.32");
        decide(spec);
        assertEquals("3.32", status.getKarlVersion());
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        assertEquals("a-3-31", row("a", "a-staging").getFrom());
        assertEquals("a-3-32", row("a", "a-staging").getTo());
        assertEquals(TrainPhase.Progressing, status.getPhase());
    }

    @Test
    void fiveHundredSitesStayWellUnderTheObjectSizeLimit() {
        for (int i = 0; i < 250; i++) {
            customer(String.format("customer-%03d", i));
        }
        decide(spec(10, 5, "10%", 600, 3));
        for (TrainSite row : status.getSites()) { // the largest rows: finished, with a wave and a message
            row.setState(SiteState.Failed);
            row.setWave(12);
            row.setStarted(now.toString());
            row.setFinished(now.plusSeconds(3601).toString());
            row.setMessage("not Ready at " + row.getTo() + " within 3600s");
        }
        int bytes = io.fabric8.kubernetes.client.utils.Serialization.asJson(status).getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println("status of a 500-site train: " + bytes + " bytes");
        assertEquals(500, status.getSites().size());
        assertTrue(bytes < 300_000, bytes + " bytes; the API server's limit is about 1.5 MB");
    }

    @Test
    void aStagingSiteUnblockedLateMovesBeforeTheNextProductionWave() {
        customer("a");
        customer("b");
        releases.removeIf(r -> r.name().equals("a-3-31"));
        ReleaseTrainSpec spec = spec(2, 1, "1", 0, 1);
        decide(spec);
        arrive("b", "b-staging");
        decide(spec);
        assertEquals(SiteState.Blocked, state("a", "a-production"), "its staging site is Blocked");
        assertEquals(SiteState.InProgress, state("b", "b-production"), "the canary");

        releases.add(new TrainView.Release("a", "a-3-31", true, "3.31", false, Set.of("karl", "a")));
        arrive("b", "b-production");
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"), "staging goes first again");
        assertEquals(SiteState.Waiting, state("a", "a-production"));
        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-production"));
        assertEquals(1, row("a", "a-production").getWave());
    }

    @Test
    void aSiteThatIsNotReadyAndStableWaitsBeforeTheTrainMovesIt() {
        customer("a");
        TrainView.Site installing = new TrainView.Site("a", "a-staging", Map.of(LABEL, "weekly"), null, false, "a",
                null, null, "a-3-30", RolloutPhase.Deploying, false, Set.of());
        put(installing);
        ReleaseTrainSpec spec = spec(1, 1, "1", 0, 0);
        decide(spec);
        assertEquals(SiteState.Waiting, state("a", "a-staging"));
        assertEquals("waiting for the site to be Ready and Stable before moving it", row("a", "a-staging").getMessage());
        put(site("a", "a-staging", false, null, "a-3-30"));
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        assertEquals("a-3-30", row("a", "a-staging").getFrom());
    }

    @Test
    void aSiteATrainCreatedFirstAlsoSelectsStallsThisTrainNamingTheFirstAndTheSites() {
        customer("a");
        customer("b");
        claimedByFirst.put("a/a-staging", "fleet/hotfix");
        claimedByFirst.put("a/a-production", "fleet/hotfix");
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(TrainPhase.Conflicting, status.getPhase());
        assertEquals(Health.State.STALLED, last.health().state());
        assertEquals("SitesClaimedByAnotherTrain", last.health().reason());
        assertTrue(last.health().message().contains("ReleaseTrain fleet/hotfix (created first) also selects "
                + "a/a-production, a/a-staging"), last.health().message());
        assertEquals(SiteState.Waiting, state("b", "b-staging"), "the second train starts nothing, not even b");
        assertEquals(SiteState.Blocked, state("a", "a-staging"));
        assertTrue(row("a", "a-staging").getMessage().contains("fleet/hotfix, created first"));

        claimedByFirst.clear(); // the first train's selector narrowed
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(TrainPhase.Progressing, status.getPhase());
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        assertEquals(SiteState.InProgress, state("b", "b-staging"));
    }

    @Test
    void abortStopsForGoodAndUnsettingItDoesNotResume() {
        customer("a");
        customer("b");
        ReleaseTrainSpec spec = spec(1, 1, "1", 0, 0);
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"));

        spec.setAbort(true);
        decide(spec);
        assertEquals(TrainPhase.Aborted, status.getPhase());
        assertEquals("Aborted", last.health().reason());
        assertEquals(Health.State.STALLED, last.health().state());
        assertEquals(now.toString(), status.getAbortedAt());
        assertEquals("Aborted", last.events().get(0).reason());
        assertTrue(last.health().message().contains("1 under way finish on their own rules"), last.health().message());

        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-staging"), "a site under way finishes");
        assertEquals(SiteState.Waiting, state("b", "b-staging"), "nothing new starts");

        spec.setAbort(false);
        now = now.plusSeconds(60);
        decide(spec);
        assertEquals(TrainPhase.Aborted, status.getPhase(), "terminal: un-setting spec.abort does not resume");
        assertEquals(SiteState.Waiting, state("b", "b-staging"));
        assertTrue(last.health().message().contains("does not resume"), last.health().message());
        assertTrue(last.events().isEmpty(), "the abort is noted once");
    }

    /** Customer {@code c} whose 3.31 release expects karl generation 29 while both databases are at 28. */
    void customerNeedingAnEvolve(String c, org.karlproject.operator.api.site.MaintenanceSpec maintenance,
            Long lastReadOnlySeconds) {
        customer(c);
        releases.removeIf(r -> r.name().equals(c + "-3-31"));
        releases.add(new TrainView.Release(c, c + "-3-31", true, "3.31", false, Set.of("karl", c),
                Map.of("karl", 29L)));
        for (String name : List.of(c + "-staging", c + "-production")) {
            TrainView.Site s = sites.get(c + "/" + name);
            put(new TrainView.Site(c, name, s.labels(), s.releaseTrain(), s.production(), s.customizationPackage(),
                    s.requireVerifiedIn(), s.activeRelease(), s.targetRelease(), s.phase(), s.ready(), s.verified(),
                    maintenance, new TrainView.Database(name, Map.of("karl", 28L), lastReadOnlySeconds,
                            lastReadOnlySeconds == null ? null : name + "-rehearsal")));
        }
    }

    /** Saturdays 22:00 for {@code minutes}, in Berlin (the test's Tuesday 10:00 UTC is outside it). */
    static org.karlproject.operator.api.site.MaintenanceSpec saturdayNights(int minutes, Integer expected) {
        org.karlproject.operator.api.site.MaintenanceWindow window = new org.karlproject.operator.api.site.MaintenanceWindow();
        window.setStart("0 22 * * 6");
        window.setDurationMinutes(minutes);
        window.setTimeZone("Europe/Berlin");
        org.karlproject.operator.api.site.MaintenanceSpec maintenance = new org.karlproject.operator.api.site.MaintenanceSpec();
        maintenance.getWindows().add(window);
        maintenance.setExpectedReadOnlySeconds(expected);
        return maintenance;
    }

    @Test
    void anUpgradeNeedingAnEvolveWaitsForItsWindowAndOneNeedingNoneGoesAtOnce() {
        customerNeedingAnEvolve("a", saturdayNights(120, null), 1800L);
        customer("b");
        put(new TrainView.Site("b", "b-staging", Map.of(LABEL, "weekly"), null, false, "b", null, "b-3-30", "b-3-30",
                RolloutPhase.Stable, true, Set.of("b-3-30"), saturdayNights(120, null),
                new TrainView.Database("b-staging", Map.of("karl", 28L), null, null)));
        ReleaseTrainSpec spec = spec(2, 1, "1", 0, 0);
        decide(spec);
        assertEquals(SiteState.WaitingForWindow, state("a", "a-staging"));
        Instant saturday = Instant.parse("2026-12-05T21:00:00Z"); // 22:00 in Berlin (CET, UTC+1)
        assertEquals(saturday.toString(), row("a", "a-staging").getNextWindow());
        assertTrue(row("a", "a-staging").getMessage().contains("1800s (EvolveRun a-staging-rehearsal)"),
                row("a", "a-staging").getMessage());
        assertEquals(SiteState.InProgress, state("b", "b-staging"), "no evolve: any time, window or not");
        assertNull(row("b", "b-staging").getEvolve());
        assertEquals(1, status.getCounts().get(SiteState.WaitingForWindow));
        assertEquals(TrainStage.Staging, status.getStage());

        arrive("b", "b-staging");
        now = saturday.minusSeconds(60);
        decide(spec);
        assertEquals(SiteState.WaitingForWindow, state("a", "a-staging"));
        assertEquals(61, last.recheck().orElseThrow().getSeconds(), "looks again when the window opens");
        assertEquals(SiteState.Waiting, state("b", "b-production"), "production waits for a-staging's window");

        now = saturday.plusSeconds(5 * 60);
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"), "30 min read-only fit in the 2 h window");
        assertEquals(Boolean.TRUE, row("a", "a-staging").getEvolve());
        assertNull(row("a", "a-staging").getNextWindow());
    }

    @Test
    void anEvolveThatWouldOutlastTheWindowWaitsForTheNextOneAndOneLongerThanAnyWindowIsBlocked() {
        customerNeedingAnEvolve("a", saturdayNights(60, 600), null);
        customerNeedingAnEvolve("b", saturdayNights(60, null), 7200L);
        now = Instant.parse("2026-12-05T21:55:00Z"); // 5 minutes before the window closes
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(SiteState.WaitingForWindow, state("a", "a-staging"),
                "600 s declared read-only do not fit in the 5 min left");
        assertEquals("2026-12-12T21:00:00Z", row("a", "a-staging").getNextWindow());
        assertTrue(row("a", "a-staging").getMessage().contains("spec.maintenance.expectedReadOnlySeconds"));
        assertEquals(SiteState.Blocked, state("b", "b-staging"));
        assertTrue(row("b", "b-staging").getMessage().contains("expects 7200s read-only, longer than every window"),
                row("b", "b-staging").getMessage());

        now = Instant.parse("2026-12-05T21:05:00Z");
        decide(spec(2, 1, "1", 0, 0));
        assertEquals(SiteState.InProgress, state("a", "a-staging"), "10 min fit in the 55 min left");
    }

    @Test
    void aProductionSiteOutsideItsWindowIsLeftForALaterWave() {
        customer("a");
        customerNeedingAnEvolve("b", saturdayNights(60, 300), null);
        TrainView.Site bStaging = sites.get("b/b-staging");
        put(new TrainView.Site("b", "b-staging", bStaging.labels(), null, false, "b", null, "b-3-30", "b-3-30",
                RolloutPhase.Stable, true, Set.of("b-3-30"))); // staging has no windows: it moves at once
        ReleaseTrainSpec spec = spec(2, 0, "2", 0, 0);
        decide(spec);
        arrive("a", "a-staging");
        arrive("b", "b-staging");
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-production"), "wave 1 goes without b-production");
        assertEquals(1, row("a", "a-production").getWave());
        assertEquals(SiteState.WaitingForWindow, state("b", "b-production"));
        assertEquals(TrainStage.Production, status.getStage());

        arrive("a", "a-production");
        decide(spec);
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-production"));
        assertEquals(SiteState.WaitingForWindow, state("b", "b-production"), "still outside its window");
        assertEquals(TrainPhase.Progressing, status.getPhase());
        now = Instant.parse(row("b", "b-production").getNextWindow());
        decide(spec);
        assertEquals(SiteState.InProgress, state("b", "b-production"), "a later wave, in its window");
        assertEquals(2, row("b", "b-production").getWave());
    }

    @Test
    void atMostMaxConcurrentEvolvesOfTheTrainsSitesEvolveAtOnce() {
        customerNeedingAnEvolve("a", null, null);
        customerNeedingAnEvolve("b", null, null);
        customer("c");
        ReleaseTrainSpec spec = spec(3, 1, "1", 0, 0);
        spec.getStages().setMaxConcurrentEvolves(1);
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        assertEquals(Boolean.TRUE, row("a", "a-staging").getEvolve());
        assertEquals(SiteState.Waiting, state("b", "b-staging"), "the train's one evolve slot is taken");
        assertTrue(row("b", "b-staging").getMessage().contains("maxConcurrentEvolves 1"), row("b", "b-staging").getMessage());
        assertEquals(SiteState.InProgress, state("c", "c-staging"), "no evolve: not limited");

        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.InProgress, state("b", "b-staging"), "the slot is free once a-staging is Ready");
    }

    /** Site {@code ns/name} with its database {@code name} cloned from {@code source}, reseeded with {@code nonce}. */
    void database(String ns, String name, String source, String nonce) {
        TrainView.Site s = sites.get(ns + "/" + name);
        put(new TrainView.Site(ns, name, s.labels(), s.releaseTrain(), s.production(), s.customizationPackage(),
                s.requireVerifiedIn(), s.activeRelease(), s.targetRelease(), s.phase(), s.ready(), s.verified(),
                s.maintenance(), new TrainView.Database(name, Map.of(), null, null, source, nonce)));
    }

    @Test
    void reseedStagingRecordsTheIntentAndStartsTheUpgradeOnceTheDatabaseServesTheCopy() {
        customer("a");
        customer("b");
        database("a", "a-staging", "a-production", null);
        database("a", "a-production", null, null);
        database("b", "b-staging", "somewhere-else", null);
        database("b", "b-production", null, null);
        ReleaseTrainSpec spec = spec(2, 1, "1", 0, 0);
        spec.getStages().setReseedStaging(true);
        decide(spec);
        assertEquals(SiteState.Reseeding, state("a", "a-staging"));
        String nonce = row("a", "a-staging").getReseed();
        assertTrue(nonce.startsWith("rt-"), nonce);
        assertEquals("ReseedRequested", last.events().get(0).reason());
        assertTrue(!SiteState.Reseeding.isFollowing(), "the site keeps its release while its data is reseeded");
        assertEquals(SiteState.Blocked, state("b", "b-staging"));
        assertTrue(row("b", "b-staging").getMessage().contains("must name b-production (the production site's "
                + "database) in spec.source.database"), row("b", "b-staging").getMessage());
        assertEquals(TrainStage.Staging, status.getStage());

        decide(spec);
        assertEquals(SiteState.Reseeding, state("a", "a-staging"), "until the database serves the reseeded copy");
        assertEquals(nonce, row("a", "a-staging").getReseed(), "the same intent, not a new one");

        database("a", "a-staging", "a-production", nonce);
        decide(spec);
        assertEquals(SiteState.InProgress, state("a", "a-staging"));
        assertEquals(SiteState.Waiting, state("a", "a-production"), "production waits for its staging site");
        arrive("a", "a-staging");
        decide(spec);
        assertEquals(SiteState.Succeeded, state("a", "a-staging"));
        assertEquals(SiteState.InProgress, state("a", "a-production"), "production is never reseeded");
        assertEquals(null, row("a", "a-production").getReseed());
    }

    @Test
    void aReseedNotDoneWithinTheDeadlineFails() {
        customer("a");
        database("a", "a-staging", "a-production", null);
        database("a", "a-production", null, null);
        ReleaseTrainSpec spec = spec(1, 1, "1", 0, 0);
        spec.getStages().setReseedStaging(true);
        spec.setSiteDeadlineSeconds(600);
        decide(spec);
        now = now.plusSeconds(601);
        decide(spec);
        assertEquals(SiteState.Failed, state("a", "a-staging"));
        assertTrue(row("a", "a-staging").getMessage().contains("not reseeded from production within 600s"));
    }
}
