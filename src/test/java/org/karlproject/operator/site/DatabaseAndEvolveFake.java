package org.karlproject.operator.site;

import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.status.Conditions;
import org.karlproject.operator.status.Health;

/**
 * TEST-SIDE FAKE of the ZeoDatabase and EvolveRun reconcilers (issues 5 and 7), which had not landed on their
 * branches when these tests were written. It writes only what the contract says those reconcilers write, in
 * their own statuses: the database's endpoint, activeVolume, previousVolumes, generations and Ready; an
 * EvolveRun's phase. The tests call it at narrated steps, as those controllers would act. Replace with the
 * real reconcilers once {@code zeo} and {@code evolve} are merged.
 */
final class DatabaseAndEvolveFake {

    private final KubernetesClient client;

    DatabaseAndEvolveFake(KubernetesClient client) {
        this.client = client;
    }

    /** The database runs ZEO on its first volume, with these generations (empty: a new database). */
    void databaseReady(String db, Map<String, Long> generations) {
        editDatabase(db, status -> {
            status.setEndpoint(db + ":8100");
            status.setActiveVolume(db + "-data");
            status.setGenerations(new TreeMap<>(generations));
            status.setConditions(Conditions.of(Health.ready("Serving", "ZEO serves " + db + "-data"),
                    status.getConditions(), 1L, Clock.systemUTC()));
        });
    }

    /** What an evolve run's Switching step leaves: the evolved copy serves, the old volume is retained. */
    Instant switchToEvolvedCopy(String db, String evolvedVolume, Map<String, Long> generations, String reason) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        editDatabase(db, status -> {
            PreviousVolume previous = new PreviousVolume();
            previous.setName(status.getActiveVolume());
            previous.setRetiredAt(now.toString());
            previous.setReason(reason);
            previous.setGenerations(new TreeMap<>(status.getGenerations()));
            List<PreviousVolume> volumes = new ArrayList<>(status.getPreviousVolumes());
            volumes.add(0, previous);
            status.setPreviousVolumes(volumes);
            status.setActiveVolume(evolvedVolume);
            status.setGenerations(new TreeMap<>(generations));
        });
        return now;
    }

    /** What the database does for a site's status.dataRestore: serve the retained volume again. */
    void restoreVolume(String db, String volume) {
        editDatabase(db, status -> {
            PreviousVolume restored = status.getPreviousVolumes().stream()
                    .filter(v -> v.getName().equals(volume)).findFirst().orElseThrow();
            PreviousVolume retired = new PreviousVolume();
            retired.setName(status.getActiveVolume());
            retired.setRetiredAt(Instant.now().toString());
            retired.setReason("DataRestore");
            retired.setGenerations(new TreeMap<>(status.getGenerations()));
            List<PreviousVolume> volumes = new ArrayList<>(status.getPreviousVolumes());
            volumes.remove(restored);
            volumes.add(0, retired);
            status.setPreviousVolumes(volumes);
            status.setActiveVolume(restored.getName());
            status.setGenerations(new TreeMap<>(restored.getGenerations()));
        });
    }

    /** Moves an EvolveRun to a phase (with the database it evolves). */
    void evolvePhase(String run, String db, EvolvePhase phase) {
        client.resources(EvolveRun.class).inNamespace(NS).withName(run).editStatus(r -> {
            EvolveRunStatus status = r.getStatus() == null ? new EvolveRunStatus() : r.getStatus();
            status.setPhase(phase);
            status.setDatabase(db);
            Health health = switch (phase) {
                case Succeeded -> Health.ready("Succeeded", "evolved");
                case Failed -> Health.stalled("EvolveJobFailed", "the evolve Job failed");
                default -> Health.progressing(phase.name(), "in " + phase);
            };
            status.setConditions(Conditions.of(health, status.getConditions(), 1L, Clock.systemUTC()));
            r.setStatus(status);
            return r;
        });
    }

    private void editDatabase(String db, java.util.function.Consumer<ZeoDatabaseStatus> change) {
        client.resources(ZeoDatabase.class).inNamespace(NS).withName(db).editStatus(d -> {
            ZeoDatabaseStatus status = d.getStatus() == null ? new ZeoDatabaseStatus() : d.getStatus();
            change.accept(status);
            d.setStatus(status);
            return d;
        });
    }
}
