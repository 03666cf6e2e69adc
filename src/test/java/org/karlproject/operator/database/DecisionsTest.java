package org.karlproject.operator.database;

import org.karlproject.operator.k8s.Labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.database.DatabaseFixtures.generations;
import static org.karlproject.operator.database.DatabaseFixtures.run;
import static org.karlproject.operator.database.DatabaseFixtures.site;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.site.DataRestoreRequest;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteMode;

class DecisionsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");

    @Test
    void holdersAreRunsInReadOnlyPhasesAndReadOnlySitesOfThisDatabase() {
        List<ReadOnlyHolder> holders = ReadOnlyHolds.holders("prod",
                List.of(run("evolve-1", "prod", EvolvePhase.Evolving, false),
                        run("rehearsal", "prod", EvolvePhase.Evolving, true),
                        run("early", "prod", EvolvePhase.BaseSnapshot, false),
                        run("done", "prod", EvolvePhase.LeavingReadOnly, false),
                        run("other", "staging", EvolvePhase.Evolving, false)),
                List.of(site("acme", "prod", SiteMode.ReadOnly), site("beta", "prod", SiteMode.Normal),
                        site("gamma", "staging", SiteMode.ReadOnly)),
                List.of(), NOW);
        assertEquals(List.of("EvolveRun/evolve-1@2026-11-29T10:00:00Z", "KarlSite/acme@" + NOW),
                holders.stream().map(h -> h.getKind() + "/" + h.getName() + "@" + h.getSince()).toList());
        for (EvolvePhase phase : ReadOnlyHolds.HOLDING) {
            assertEquals(1, ReadOnlyHolds.holders("prod", List.of(run("r", "prod", phase, false)), List.of(), List.of(),
                    NOW).size(), phase::toString);
        }
        // a hold keeps its since: taking it again is idempotent
        List<ReadOnlyHolder> later = ReadOnlyHolds.holders("prod", List.of(), List.of(site("acme", "prod",
                SiteMode.ReadOnly)), holders, NOW.plusSeconds(600));
        assertEquals(NOW.toString(), later.get(0).getSince());
    }

    @Test
    void anEvolveRunInSwitchingWithABoundRestoredVolumeSwitchesOnce() {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("prod-data-1");
        status.setGenerations(generations(27));
        var run = run("evolve-1", "prod", EvolvePhase.Switching, false);
        run.getStatus().setRestoredVolume("evolve-1-restored");
        run.getStatus().setToGenerations(generations(28));

        assertTrue(VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> false).isEmpty(), "not bound");
        var dry = run("dry", "prod", EvolvePhase.Switching, true);
        dry.getStatus().setRestoredVolume("dry-restored");
        assertTrue(VolumeSwitch.decide("prod", status, List.of(dry), List.of(), v -> true).isEmpty(), "dry run");

        var target = VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true).orElseThrow();
        VolumeSwitch.apply(status, target, NOW);
        assertEquals("evolve-1-restored", status.getActiveVolume());
        assertEquals(generations(28), status.getGenerations());
        PreviousVolume previous = status.getPreviousVolumes().get(0);
        assertEquals("prod-data-1", previous.getName());
        assertEquals("EvolveRun evolve-1", previous.getReason());
        assertEquals(generations(27), previous.getGenerations());
        assertEquals(NOW.toString(), previous.getRetiredAt());
        assertTrue(VolumeSwitch.decide("prod", status, List.of(run), List.of(), v -> true).isEmpty(), "only once");
    }

    @Test
    void aDataRestoreSwitchesBackToARetainedVolumeOnlyWhenRequestedAfterItsRetirement() {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume("evolved");
        PreviousVolume old = new PreviousVolume();
        old.setName("prod-data-1");
        old.setRetiredAt(NOW.toString());
        old.setGenerations(generations(27));
        status.setPreviousVolumes(new java.util.ArrayList<>(List.of(old)));
        var site = site("acme", "prod", SiteMode.Normal);
        site.setStatus(new KarlSiteStatus());
        DataRestoreRequest restore = new DataRestoreRequest();
        restore.setVolume("prod-data-1");
        restore.setRelease("karl-3-30");
        restore.setRequestedAt(NOW.minusSeconds(3600).toString());
        site.getStatus().setDataRestore(restore);
        assertTrue(VolumeSwitch.decide("prod", status, List.of(), List.of(site), v -> true).isEmpty(), "stale request");

        restore.setRequestedAt(NOW.plusSeconds(60).toString());
        var target = VolumeSwitch.decide("prod", status, List.of(), List.of(site), v -> true).orElseThrow();
        assertEquals("Rollback acme to karl-3-30", target.reason());
        VolumeSwitch.apply(status, target, NOW.plusSeconds(61));
        assertEquals("prod-data-1", status.getActiveVolume());
        assertEquals(generations(27), status.getGenerations());
        assertEquals(List.of("evolved"), status.getPreviousVolumes().stream().map(PreviousVolume::getName).toList());
    }

    @Test
    void retentionKeepsTheNewestAndAnyVolumeASiteStillNames() {
        List<PreviousVolume> previous = List.of(pv("v3"), pv("v2"), pv("v1"));
        assertEquals(List.of("v2", "v1"), Retention.toDelete(previous, 1, Set.of()));
        assertEquals(List.of("v1"), Retention.toDelete(previous, 1, Set.of("v2")));
        assertEquals(List.of(), Retention.toDelete(previous, 3, Set.of()));
        var site = site("acme", "prod", SiteMode.Normal);
        site.setStatus(new KarlSiteStatus());
        RollbackOption option = new RollbackOption();
        option.setVolume("v1");
        site.getStatus().setRollback(List.of(option));
        assertEquals(Set.of("v1"), Retention.neededBySites("prod", List.of(site)));
        assertEquals(Set.of(), Retention.neededBySites("staging", List.of(site)));
    }

    @Test
    void afterDowntimeOnlyTheMostRecentMissedTimeIsDue() {
        BackupSchedule daily = BackupSchedule.of("0 2 * * *");
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        // down from the 25th to the 29th at 09:30: one catch-up, for the 29th at 02:00
        assertEquals(Optional.of(Instant.parse("2026-11-29T02:00:00Z")),
                daily.latest(created, Instant.parse("2026-11-29T09:30:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-11-29T02:00:00Z")),
                daily.latest(created, Instant.parse("2026-11-29T02:00:00Z")), "due at the very minute");
        assertEquals(Optional.of(Instant.parse("2026-11-28T02:00:00Z")),
                daily.latest(created, Instant.parse("2026-11-29T01:59:59Z")));
        assertEquals(Optional.empty(), daily.latest(Instant.parse("2026-11-29T03:00:00Z"),
                Instant.parse("2026-11-29T09:30:00Z")), "never a time before the database existed");
        assertEquals(Optional.of(Instant.parse("2026-11-30T02:00:00Z")), daily.next(Instant.parse("2026-11-29T02:00:00Z")));
    }

    @Test
    void pruningKeepsTheNewestAndNeverTouchesHeldOrPendingSnapshots() {
        var db = DatabaseFixtures.db("prod");
        List<GenericKubernetesResource> snapshots = List.of(
                snapshot(db, "prod-backup-20261125-0200", true, null),
                snapshot(db, "prod-backup-20261126-0200", true, "evolve-1"),
                snapshot(db, "prod-backup-20261127-0200", true, null),
                snapshot(db, "prod-backup-20261128-0200", true, null),
                snapshot(db, "prod-backup-20261129-0200", false, null));
        assertEquals(List.of("prod-backup-20261127-0200", "prod-backup-20261125-0200"), Backups.prune(snapshots, 1));
        assertEquals(List.of(), Backups.prune(snapshots, 4));
    }

    @Test
    void onDemandBackupsArePrunedBeyondKeepOnDemandByCreationNeverHeldOrPendingNorScheduled() {
        var db = DatabaseFixtures.db("prod");
        List<GenericKubernetesResource> snapshots = new java.util.ArrayList<>();
        String[][] made = {{"prod-backup-now-aaaa", "2026-11-25T10:00:00Z"}, {"prod-backup-now-zzzz", "2026-11-26T10:00:00Z"},
            {"prod-backup-now-mmmm", "2026-11-27T10:00:00Z"}, {"prod-backup-now-bbbb", "2026-11-28T10:00:00Z"}};
        for (String[] m : made) {
            GenericKubernetesResource s = snapshot(db, m[0], true, null);
            s.getMetadata().getLabels().put(DatabaseObjects.BACKUP, "OnDemand");
            s.getMetadata().setCreationTimestamp(m[1]);
            snapshots.add(s);
        }
        snapshots.get(1).getMetadata().getLabels().put(Labels.HELD_BY, "evolverun.x");
        snapshots.add(snapshot(db, "prod-backup-20261120-0200", true, null)); // scheduled: not this rule's
        GenericKubernetesResource pending = snapshot(db, "prod-backup-now-pppp", false, null);
        pending.getMetadata().getLabels().put(DatabaseObjects.BACKUP, "OnDemand");
        pending.getMetadata().setCreationTimestamp("2026-11-20T10:00:00Z");
        snapshots.add(pending);
        assertEquals(List.of("prod-backup-now-aaaa"), Backups.pruneOnDemand(snapshots, 2),
                "the newest two by creation stay (not by name); the held one and the pending one stay");
        assertEquals(List.of(), Backups.pruneOnDemand(snapshots, 4));
    }

    @Test
    void onDemandBackupsOlderThanTheirMaxAgeArePrunedNeverHeldPendingOrScheduled() {
        var db = DatabaseFixtures.db("prod");
        List<GenericKubernetesResource> snapshots = new java.util.ArrayList<>();
        String[][] made = {{"prod-backup-now-old", "2026-11-20T10:00:00Z", "true"},
            {"prod-backup-now-held", "2026-11-20T10:00:00Z", "true"},
            {"prod-backup-now-pending", "2026-11-20T10:00:00Z", "false"},
            {"prod-backup-now-young", "2026-11-27T10:05:01Z", "true"}};
        for (String[] m : made) {
            GenericKubernetesResource s = snapshot(db, m[0], Boolean.parseBoolean(m[2]), null);
            s.getMetadata().getLabels().put(DatabaseObjects.BACKUP, "OnDemand");
            s.getMetadata().setCreationTimestamp(m[1]);
            snapshots.add(s);
        }
        snapshots.get(1).getMetadata().getLabels().put(Labels.HELD_BY, "evolverun.x");
        GenericKubernetesResource scheduled = snapshot(db, "prod-backup-20261101-0200", true, null);
        scheduled.getMetadata().setCreationTimestamp("2026-11-01T02:00:00Z");
        snapshots.add(scheduled);
        assertEquals(List.of("prod-backup-now-old"),
                Backups.pruneOnDemandOlderThan(snapshots, java.time.Duration.ofDays(2), NOW),
                "the held, the pending, the younger than two days and the scheduled one stay");
        assertEquals(List.of(), Backups.pruneOnDemandOlderThan(snapshots, java.time.Duration.ofDays(10), NOW));
    }

    @Test
    void seedAndReseedSnapshotsAreReleasedBeyondTheNewestOnlyOnceNoVolumeStillRestoresFromThem() {
        var db = DatabaseFixtures.db("prod");
        List<GenericKubernetesResource> snapshots = new java.util.ArrayList<>();
        String[][] made = {{"prod-reseed-a", "2026-11-01T10:00:00Z", "true"}, {"prod-reseed-b", "2026-11-08T10:00:00Z", "true"},
            {"prod-reseed-c", "2026-11-15T10:00:00Z", "true"}, {"prod-reseed-d", "2026-11-22T10:00:00Z", "true"},
            {"prod-seed", "2026-10-01T10:00:00Z", "true"}};
        for (String[] m : made) {
            GenericKubernetesResource s = snapshot(db, m[0], Boolean.parseBoolean(m[2]), null);
            s.getMetadata().getLabels().put(DatabaseObjects.BACKUP, m[0].equals("prod-seed") ? "Source" : "Reseed");
            s.getMetadata().setCreationTimestamp(m[1]);
            snapshots.add(s);
        }
        snapshots.get(1).getMetadata().getLabels().put(Labels.HELD_BY, "evolverun.x");
        var waiting = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("prod-data-3")
                .endMetadata().withNewSpec().withNewDataSource().withName("prod-reseed-c").withKind("VolumeSnapshot")
                .withApiGroup("snapshot.storage.k8s.io").endDataSource().endSpec().withNewStatus().withPhase("Pending")
                .endStatus().build();
        var bound = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("prod-data-2")
                .endMetadata().withNewSpec().withNewDataSource().withName("prod-reseed-a").withKind("VolumeSnapshot")
                .withApiGroup("snapshot.storage.k8s.io").endDataSource().endSpec().withNewStatus().withPhase("Bound")
                .endStatus().build();
        assertEquals(List.of("prod-reseed-a"), Backups.pruneSeeds(snapshots, List.of(waiting, bound)),
                "the newest reseed (d), the only seed, the held (b) and the one a pending volume restores from (c) stay");
        assertEquals(List.of("prod-reseed-a", "prod-reseed-c"), Backups.pruneSeeds(snapshots, List.of(bound)));
    }

    @Test
    void aDatabaseStalledOnlyAtItsSnapshotLimitStillServesForSwitchesAndRestores() {
        java.time.Clock clock = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);
        var atLimit = org.karlproject.operator.status.Conditions.of(org.karlproject.operator.status.Health.stalled(
                SnapshotLimit.REASON, "at the limit"), List.of(), 1, clock);
        var otherStall = org.karlproject.operator.status.Conditions.of(org.karlproject.operator.status.Health.stalled(
                "SourceNotFound", "no source"), List.of(), 1, clock);
        var starting = org.karlproject.operator.status.Conditions.of(org.karlproject.operator.status.Health.progressing(
                "Starting", "starting"), List.of(), 1, clock);
        var ready = org.karlproject.operator.status.Conditions.of(org.karlproject.operator.status.Health.ready(
                "Serving", "serving"), List.of(), 1, clock);
        assertTrue(SnapshotLimit.serving(atLimit), "an evolve run's switch must not wait on the snapshot limit");
        assertTrue(SnapshotLimit.serving(ready));
        assertTrue(!SnapshotLimit.serving(otherStall) && !SnapshotLimit.serving(starting));
    }

    private static GenericKubernetesResource snapshot(org.karlproject.operator.api.database.ZeoDatabase db, String name,
            boolean ready, String heldBy) {
        var snapshot = Snapshots.of(db, name, "prod-data-1", org.karlproject.operator.api.database.BackupTrigger.Scheduled);
        if (heldBy != null) {
            snapshot.getMetadata().getLabels().put(Labels.HELD_BY, heldBy);
        }
        Map<String, Object> status = new HashMap<>();
        status.put("readyToUse", ready);
        snapshot.setAdditionalProperty("status", status);
        return snapshot;
    }

    private static PreviousVolume pv(String name) {
        PreviousVolume p = new PreviousVolume();
        p.setName(name);
        return p;
    }
}
