package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.evolve.EvolveRun;

/**
 * The evolve Job: the target release's image runs {@code spec.command} once ({@code backoffLimit: 0}, no
 * restarts) against the restored copy, and nothing else. The contract an evolve script follows is in
 * {@code docs/evolve.md}: the paths below and the {@code KARL_*} environment. Pure: no client.
 */
public final class EvolveJob {
    /** Where the restored copy is mounted. */
    public static final String DATA_DIR = "/var/lib/zeo";
    public static final String DATA_FS = DATA_DIR + "/Data.fs";
    public static final String BLOB_DIR = DATA_DIR + "/blobs";

    /** Target generation per manager, {@code karl=29,acme=5} (sorted by manager). */
    public static final String ENV_TO = "KARL_EVOLVE_TO";
    /** The database's generation per manager before the run, same format. */
    public static final String ENV_FROM = "KARL_EVOLVE_FROM";
    /** The catalog indexes to reindex, comma-separated, sorted; empty: none. */
    public static final String ENV_REINDEX = "KARL_REINDEX";
    public static final String ENV_RUN = "KARL_EVOLVE_RUN";
    public static final String ENV_DRY_RUN = "KARL_EVOLVE_DRY_RUN";
    public static final String ENV_DATA_FS = "KARL_DATA_FS";
    public static final String ENV_BLOB_DIR = "KARL_BLOB_DIR";

    private EvolveJob() {
    }

    /** What the Job needs to know beyond the run itself. */
    public record Inputs(String name, String image, String restoredVolume, String database,
            Map<String, Long> from, Map<String, Long> to, List<String> reindex) {
    }

    /** The Job for {@code run} with {@code in}; owned by the run (it goes with it). */
    public static Job of(EvolveRun run, Inputs in) {
        String runName = run.getMetadata().getName();
        Map<String, String> labels = ChildNames.labels(run, in.database());
        Container container = new ContainerBuilder()
                .withName("evolve")
                .withImage(in.image())
                .withCommand(run.getSpec().getCommand())
                .withWorkingDir(DATA_DIR)
                .withEnv(env(runName, in, Boolean.TRUE.equals(run.getSpec().getDryRun())))
                .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount()
                .build();
        Volume data = new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(in.restoredVolume()).endPersistentVolumeClaim().build();
        return CheckJobs.runOnce(run, in.name(), labels, container, data);
    }

    private static List<EnvVar> env(String run, Inputs in, boolean dryRun) {
        return List.of(
                new EnvVar(ENV_RUN, run, null),
                new EnvVar(ENV_FROM, Generations.format(in.from()), null),
                new EnvVar(ENV_TO, Generations.format(in.to()), null),
                new EnvVar(ENV_REINDEX, String.join(",", in.reindex()), null),
                new EnvVar(ENV_DRY_RUN, String.valueOf(dryRun), null),
                new EnvVar(ENV_DATA_FS, DATA_FS, null),
                new EnvVar(ENV_BLOB_DIR, BLOB_DIR, null));
    }

    /** "Complete" or "Failed" with status True, if the Job has finished. */
    public static java.util.Optional<io.fabric8.kubernetes.api.model.batch.v1.JobCondition> finished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return java.util.Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                .findFirst();
    }
}
