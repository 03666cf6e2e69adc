package org.karlproject.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.BackupState;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.train.ReleaseTrainStatus;

/**
 * The operator's domain metrics, derived from status transitions: the status writer hands every status
 * it writes here with the one it replaces, so each fact is counted once, when it becomes true, by
 * whichever replica (the leader) wrote it. Meters go to Micrometer's global registry, which Quarkus
 * exposes at {@code /q/metrics} in Prometheus format.
 *
 * <ul>
 *   <li>{@code karl_rollouts_started_total}, {@code karl_rollouts_succeeded_total},
 *       {@code karl_rollouts_aborted_total} (namespace, site; aborted also by reason)</li>
 *   <li>{@code karl_evolve_phase_seconds} (phase) and {@code karl_evolve_read_only_seconds};
 *       {@code karl_evolve_runs_total} (outcome)</li>
 *   <li>{@code karl_evolve_verifications_total} (result: passed or failed): verify Jobs of evolve runs, counted
 *       once each when the run records the result</li>
 *   <li>{@code karl_backups_total} (namespace, database, outcome: ready or failed)</li>
 *   <li>{@code karl_backup_drills_total} (namespace, database, result: passed or failed): backup drills, once
 *       each when they end; {@code karl_backup_last_verified_timestamp_seconds} (namespace, database): when
 *       the newest backup a drill verified was taken (Unix seconds), for an alert on its age</li>
 *   <li>{@code karl_pack_total} (namespace, database, result: succeeded or failed): packs, once each when they
 *       end; {@code karl_pack_size_after_bytes} (namespace, database): the FileStorage's size after the newest
 *       successful pack, and {@code karl_pack_duration_seconds} (namespace, database): how long its Job ran</li>
 *   <li>{@code karl_site_active_release} (namespace, site, release): 1 for the release a site serves</li>
 *   <li>{@code karl_unreadable_objects_total} (kind, namespace, part): reconciles that met an object whose
 *       spec or status this version cannot read (it is skipped, see {@code api/Unreadable})</li>
 *   <li>release trains: {@code karl_train_sites}, {@code karl_train_duration_seconds},
 *       {@code karl_train_halts_total} ({@link TrainMetrics})</li>
 * </ul>
 */
public final class DomainMetrics {

    private static final DomainMetrics GLOBAL = new DomainMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;
    private final Map<String, Meter.Id> activeReleases = new ConcurrentHashMap<>();
    private final TrainMetrics trains;
    private final Map<String, AtomicLong> lastVerified = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> packGauges = new ConcurrentHashMap<>();

    DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.trains = new TrainMetrics(registry);
    }

    /** Called by the status writer after it wrote {@code after} over {@code before} (null: no status yet). */
    public static void statusWritten(HasMetadata resource, Object before, Object after) {
        GLOBAL.record(resource, before, after);
    }

    /**
     * Called by the status writer for each reconcile of an object whose {@code part} ("spec", "status", or
     * "spec and status") this version cannot read: {@code karl_unreadable_objects_total} (kind, namespace, part).
     */
    public static void unreadable(HasMetadata resource, String part) {
        try {
            GLOBAL.registry.counter("karl_unreadable_objects_total", "kind", resource.getKind(), "namespace",
                    String.valueOf(resource.getMetadata().getNamespace()), "part", part).increment();
        } catch (RuntimeException e) {
            // Metrics never fail a reconcile.
        }
    }

    void record(HasMetadata resource, Object before, Object after) {
        try {
            if (after instanceof KarlSiteStatus site) {
                site(resource, (KarlSiteStatus) before, site);
            } else if (after instanceof EvolveRunStatus run) {
                evolve((EvolveRunStatus) before, run);
            } else if (after instanceof ZeoDatabaseStatus db) {
                backups(resource, (ZeoDatabaseStatus) before, db);
                drills(resource, (ZeoDatabaseStatus) before, db);
                packs(resource, (ZeoDatabaseStatus) before, db);
            } else if (after instanceof ReleaseTrainStatus train) {
                trains.record(resource, (ReleaseTrainStatus) before, train);
            }
        } catch (RuntimeException e) {
            // Metrics never fail a reconcile.
        }
    }

    private void site(HasMetadata site, KarlSiteStatus before, KarlSiteStatus after) {
        String ns = site.getMetadata().getNamespace();
        String name = site.getMetadata().getName();
        String targetBefore = before == null ? null : before.getTargetRevision();
        if (after.getTargetRevision() != null && !after.getTargetRevision().equals(targetBefore)
                && !after.getTargetRevision().equals(after.getActiveRevision())) {
            registry.counter("karl_rollouts_started_total", "namespace", ns, "site", name).increment();
        }
        String activeBefore = before == null ? null : before.getActiveRevision();
        if (after.getActiveRevision() != null && !after.getActiveRevision().equals(activeBefore)) {
            registry.counter("karl_rollouts_succeeded_total", "namespace", ns, "site", name).increment();
        }
        RolloutPhase phaseBefore = before == null ? null : before.getPhase();
        if (after.getPhase() == RolloutPhase.Aborted && phaseBefore != RolloutPhase.Aborted) {
            String reason = after.getConditions().stream().filter(c -> "Stalled".equals(c.getType()))
                    .map(c -> c.getReason()).findFirst().orElse("RolloutAborted");
            registry.counter("karl_rollouts_aborted_total", "namespace", ns, "site", name, "reason", reason)
                    .increment();
        }
        activeRelease(ns, name, after.getActiveRelease());
    }

    private void activeRelease(String ns, String site, String release) {
        String key = ns + "/" + site;
        Meter.Id current = activeReleases.get(key);
        if (current != null && Objects.equals(current.getTag("release"), release)) {
            return;
        }
        if (current != null) {
            registry.remove(current);
            activeReleases.remove(key);
        }
        if (release != null) {
            activeReleases.put(key, Gauge.builder("karl_site_active_release", () -> 1)
                    .tags("namespace", ns, "site", site, "release", release)
                    .description("1 for the release a site's stable Service selects")
                    .register(registry).getId());
        }
    }

    private void evolve(EvolveRunStatus before, EvolveRunStatus after) {
        Set<String> finishedBefore = before == null ? Set.of() : before.getSteps().stream()
                .filter(s -> s.getFinished() != null).map(s -> s.getName() + "@" + s.getStarted())
                .collect(Collectors.toSet());
        for (EvolveStepRecord step : after.getSteps()) {
            if (step.getFinished() != null && step.getName() != null
                    && !finishedBefore.contains(step.getName() + "@" + step.getStarted())) {
                duration(step.getStarted(), step.getFinished()).ifPresent(d -> Timer.builder("karl_evolve_phase_seconds")
                        .tag("phase", step.getName().name()).register(registry).record(d));
            }
        }
        if (after.getVerification() != null && after.getVerification().getPassed() != null
                && (before == null || before.getVerification() == null)) {
            registry.counter("karl_evolve_verifications_total", "result",
                    Boolean.TRUE.equals(after.getVerification().getPassed()) ? "passed" : "failed").increment();
        }
        EvolvePhase phaseBefore = before == null ? null : before.getPhase();
        if (after.getPhase() != null && after.getPhase().isTerminal() && after.getPhase() != phaseBefore) {
            registry.counter("karl_evolve_runs_total", "outcome", after.getPhase().name()).increment();
            if (after.getReadOnlySeconds() != null) {
                registry.summary("karl_evolve_read_only_seconds").record(after.getReadOnlySeconds());
            }
        }
    }

    private void backups(HasMetadata db, ZeoDatabaseStatus before, ZeoDatabaseStatus after) {
        Map<String, BackupState> statesBefore = before == null ? Map.of() : before.getBackups().stream()
                .filter(b -> b.getName() != null && b.getState() != null)
                .collect(Collectors.toMap(BackupRecord::getName, BackupRecord::getState, (a, b) -> a));
        for (BackupRecord backup : after.getBackups()) {
            BackupState state = backup.getState();
            if ((state == BackupState.Ready || state == BackupState.Failed) && state != statesBefore.get(backup.getName())) {
                registry.counter("karl_backups_total", "namespace", db.getMetadata().getNamespace(), "database",
                        db.getMetadata().getName(), "outcome", state.name().toLowerCase()).increment();
            }
        }
    }

    /** Backup drills: a drill that ended, and the time of the newest verified backup (issue #17). */
    private void drills(HasMetadata db, ZeoDatabaseStatus before, ZeoDatabaseStatus after) {
        String ns = db.getMetadata().getNamespace();
        String name = db.getMetadata().getName();
        DrillStatus drill = after.getDrill();
        DrillStatus was = before == null ? null : before.getDrill();
        if (drill != null && drill.getResult() != null && drill.getResult() != DrillResult.Running
                && (was == null || !Objects.equals(was.getId(), drill.getId()) || was.getResult() != drill.getResult())) {
            registry.counter("karl_backup_drills_total", "namespace", ns, "database", name, "result",
                    drill.getResult().name().toLowerCase()).increment();
        }
        if (after.getLastVerifiedBackup() != null && after.getLastVerifiedBackup().getTime() != null) {
            long seconds = Instant.parse(after.getLastVerifiedBackup().getTime()).getEpochSecond();
            lastVerified.computeIfAbsent(ns + "/" + name, k -> {
                AtomicLong holder = new AtomicLong(seconds);
                Gauge.builder("karl_backup_last_verified_timestamp_seconds", holder, AtomicLong::doubleValue)
                        .tags("namespace", ns, "database", name)
                        .description("When the newest backup a drill verified was taken (Unix seconds)")
                        .register(registry);
                return holder;
            }).set(seconds);
        }
    }

    /** Packs (spec.pack): a pack that ended, and the size and duration of the newest successful one (issue #17). */
    private void packs(HasMetadata db, ZeoDatabaseStatus before, ZeoDatabaseStatus after) {
        PackStatus pack = after.getPack();
        PackStatus was = before == null ? null : before.getPack();
        if (pack == null || pack.getResult() == null || pack.getResult() == PackResult.Running
                || was != null && Objects.equals(was.getId(), pack.getId()) && was.getResult() == pack.getResult()) {
            return;
        }
        String ns = db.getMetadata().getNamespace();
        String name = db.getMetadata().getName();
        registry.counter("karl_pack_total", "namespace", ns, "database", name, "result",
                pack.getResult().name().toLowerCase()).increment();
        if (pack.getResult() == PackResult.Succeeded && pack.getSizeAfterBytes() != null) {
            gauge("karl_pack_size_after_bytes", "The FileStorage's size after the newest successful pack (bytes)",
                    ns, name, pack.getSizeAfterBytes());
            gauge("karl_pack_duration_seconds", "How long the newest successful pack's Job ran (seconds)", ns, name,
                    Objects.requireNonNullElse(pack.getDurationSeconds(), 0L));
        }
    }

    private void gauge(String metric, String description, String ns, String name, long value) {
        packGauges.computeIfAbsent(metric + " " + ns + "/" + name, k -> {
            AtomicLong holder = new AtomicLong(value);
            Gauge.builder(metric, holder, AtomicLong::doubleValue).tags("namespace", ns, "database", name)
                    .description(description).register(registry);
            return holder;
        }).set(value);
    }

    private static Optional<Duration> duration(String start, String end) {
        try {
            return Optional.of(Duration.between(Instant.parse(start), Instant.parse(end)));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
