package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.database.DatabaseFixtures.generations;
import static org.karlproject.operator.database.DatabaseFixtures.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;

/** The volume switches an EvolveRun asks for: to its copy (once, alone), and back to the original. */
class VolumeSwitchTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");

    private static EvolveRun evolving(String name, EvolvePhase phase) {
        EvolveRun run = run(name, "prod", phase, false);
        run.getStatus().setSourceVolume("prod-data-1");
        run.getStatus().setRestoredVolume(name + "-evolved");
        run.getStatus().setFromGenerations(generations(27));
        run.getStatus().setToGenerations(generations(28));
        return run;
    }

    private static ZeoDatabaseStatus serving(String volume, long karl) {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume(volume);
        status.setGenerations(generations(karl));
        return status;
    }

    @Test
    void noSecondSwitchWhileAnotherRunOnTheDatabaseIsUnfinished() {
        EvolveRun second = evolving("second", EvolvePhase.Switching);
        for (EvolvePhase phase : List.of(EvolvePhase.BaseSnapshot, EvolvePhase.Evolving, EvolvePhase.Switching,
                EvolvePhase.AwaitingTraffic, EvolvePhase.LeavingReadOnly, EvolvePhase.SwitchingBack)) {
            EvolveRun first = evolving("first", phase);
            assertTrue(VolumeSwitch.decide("prod", serving("prod-data-1", 27), List.of(first, second), List.of(),
                    v -> true).filter(t -> t.volume().equals("second-evolved")).isEmpty(), phase::toString);
        }
        for (EvolvePhase phase : List.of(EvolvePhase.Pending, EvolvePhase.Succeeded, EvolvePhase.Failed)) {
            EvolveRun other = evolving("other", phase);
            assertEquals("second-evolved", VolumeSwitch.decide("prod", serving("prod-data-1", 27),
                    List.of(other, second), List.of(), v -> true).orElseThrow().volume(), phase::toString);
        }
    }

    @Test
    void aRunThatGivesUpAfterTheSwitchGetsTheOriginalVolumeBackAsItWas() {
        ZeoDatabaseStatus status = serving("prod-data-1", 27);
        PreviousVolume older = new PreviousVolume();
        older.setName("prod-data-0");
        older.setGenerations(generations(26));
        status.setPreviousVolumes(new ArrayList<>(List.of(older)));
        EvolveRun run = evolving("evolve-1", EvolvePhase.Switching);
        VolumeSwitch.apply(status, VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true)
                .orElseThrow(), NOW);
        assertEquals("evolve-1-evolved", status.getActiveVolume());

        run.getStatus().setPhase(EvolvePhase.AwaitingTraffic);
        assertTrue(VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true).isEmpty(), "waits");

        run.getStatus().setPhase(EvolvePhase.SwitchingBack);
        VolumeSwitch.Target back = VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true)
                .orElseThrow();
        assertEquals("prod-data-1", back.volume());
        assertEquals(generations(27), back.generations());
        VolumeSwitch.apply(status, back, NOW.plusSeconds(60));
        assertEquals("prod-data-1", status.getActiveVolume());
        assertEquals(generations(27), status.getGenerations());
        assertEquals(List.of("prod-data-0"), status.getPreviousVolumes().stream().map(PreviousVolume::getName)
                .toList(), "the copy never served writable: it is the run's, not a previous volume");
        assertTrue(VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true).isEmpty(), "only once");
    }

    @Test
    void aDataRestoreTheSiteGaveUpGoesBackToWhatItsActiveReleaseRunsOnAndHoldsUntilThen() {
        ZeoDatabaseStatus status = serving("prod-evolved", 28);
        PreviousVolume retained = new PreviousVolume();
        retained.setName("prod-data-1");
        retained.setGenerations(generations(27));
        retained.setRetiredAt(NOW.minusSeconds(600).toString());
        status.setPreviousVolumes(new ArrayList<>(List.of(retained)));
        var site = DatabaseFixtures.site("acme", "prod", org.karlproject.operator.api.site.SiteMode.Normal);
        site.setStatus(new org.karlproject.operator.api.site.KarlSiteStatus());
        var request = new org.karlproject.operator.api.site.DataRestoreRequest();
        request.setVolume("prod-data-1");
        request.setBackTo("prod-evolved");
        request.setRequestedAt(NOW.toString());
        site.getStatus().setDataRestore(request);
        VolumeSwitch.apply(status, VolumeSwitch.decide("prod", status, List.of(), List.of(site), v -> true)
                .orElseThrow(), NOW.plusSeconds(1));
        assertEquals("prod-data-1", status.getActiveVolume(), "the restore");

        site.getStatus().setDataRestore(null);
        site.getStatus().setAbandonedDataRestore(request);
        assertEquals(1, ReadOnlyHolds.holders("prod", List.of(), List.of(site), List.of(), NOW,
                status.getActiveVolume()).size(), "held while it serves the given-up restore's volume");
        VolumeSwitch.Target back = VolumeSwitch.decide("prod", status, List.of(), List.of(site), v -> true)
                .orElseThrow();
        assertEquals("prod-evolved", back.volume());
        assertEquals(generations(28), back.generations());
        VolumeSwitch.apply(status, back, NOW.plusSeconds(2));
        assertTrue(status.getPreviousVolumes().stream().anyMatch(p -> p.getName().equals("prod-data-1")),
                "the restored volume is retained again");
        assertTrue(VolumeSwitch.decide("prod", status, List.of(), List.of(site), v -> true).isEmpty(), "only once");
        assertTrue(ReadOnlyHolds.holders("prod", List.of(), List.of(site), List.of(), NOW,
                status.getActiveVolume()).isEmpty(), "writable again on the data its active release expects");
    }
}
