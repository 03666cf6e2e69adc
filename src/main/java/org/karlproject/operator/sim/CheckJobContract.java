package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;

/**
 * The contract between the EvolveRun reconciler and the simulated cluster for the two check Jobs of
 * {@code Verifying}, and how the simulated cluster plays them from its lineage model:
 * <ul>
 *   <li>a check Job carries the label {@value #LABEL}: {@value #VERIFY} or {@value #LAST_TRANSACTION};</li>
 *   <li>it reports a JSON result in its pod's termination message
 *       ({@code status.containerStatuses[0].state.terminated.message}).</li>
 * </ul>
 * The simulated cluster creates the Job's one pod (labels of the template plus {@code job-name}, controlled by
 * the Job) when the Job ends, with the result as the termination message. Verify: every check passes when
 * the copy's generations equal {@code KARL_EVOLVE_TO}, unless the release is annotated
 * {@code sandbox.karlproject.org/verify-result: Failed} (then the {@code indexes} check fails); a backup
 * drill's verify Job (label {@code deploy.karlproject.org/drill}) checks the scratch volume restored from the
 * backup the same way, and fails {@code storage} when its database is annotated
 * {@code sandbox.karlproject.org/drill-result: Failed}; the copy's last
 * transaction is its last write. Last-transaction: the last write of the volume the database serves now. A
 * database's {@value #PACK} Job reports the sizes of that volume ({@link #pack}), and fails while that ZEO
 * serves read-only or the database is annotated {@code sandbox.karlproject.org/pack-result: Failed}. A
 * transaction id is the write id as 16 hex digits. A Job whose attempt failed leaves no message.
 */
public final class CheckJobContract {
    public static final String LABEL = "deploy.karlproject.org/evolve-check";
    public static final String VERIFY = "verify";
    public static final String LAST_TRANSACTION = "last-transaction";
    public static final String PACK = "pack";
    /** The simulated FileStorage's size: a header plus this many bytes per transaction. */
    public static final long BYTES_PER_TRANSACTION = 4096;
    static final long HEADER_BYTES = 4;

    private final SimContext sim;
    private final SandboxKnobs knobs;

    CheckJobContract(SimContext sim, SandboxKnobs knobs) {
        this.sim = sim;
        this.knobs = knobs;
    }

    static boolean isCheckJob(JobRun run) {
        return run.labels().containsKey(LABEL);
    }

    /** A transaction id as ZODB prints one: 8 bytes in hex. */
    public static String transactionId(long write) {
        return String.format("%016x", write);
    }

    /** The check Job ended: its pod, terminated with the result (none when the attempt failed). */
    void ended(Job job, JobRun run, boolean succeeded) {
        String message = succeeded ? result(run) : null;
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(job.getSpec().getTemplate().getMetadata())
                .map(m -> m.getLabels()).orElse(Map.of()));
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        Pod pod = new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-sim")
                .withNamespace(run.namespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withSpec(job.getSpec().getTemplate().getSpec()).build();
        String container = job.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
        sim.writeStatus("pod of check job " + SimContext.key(job), () -> {
            var pods = sim.client.pods().inNamespace(run.namespace());
            if (pods.withName(pod.getMetadata().getName()).get() == null) {
                pods.resource(pod).create();
            }
            pods.withName(pod.getMetadata().getName()).editStatus(p -> {
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                        .withPhase(succeeded ? "Succeeded" : "Failed")
                        .withContainerStatuses(new ContainerStatusBuilder().withName(container)
                                .withImage(run.image()).withReady(false).withRestartCount(0)
                                .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(succeeded ? 0 : 1)
                                        .withReason(succeeded ? "Completed" : "Error").withMessage(message)
                                        .endTerminated().build()).build()).build());
                return p;
            });
        });
    }

    private String result(JobRun run) {
        String check = run.labels().get(LABEL);
        return VERIFY.equals(check) ? verify(run) : PACK.equals(check) ? pack(run) : lastTransaction(run);
    }

    private String verify(JobRun run) {
        VolumeContent copy = run.claims().stream().map(c -> sim.lineage.volume(run.namespace(), c))
                .flatMap(Optional::stream).findFirst().orElse(VolumeContent.empty("none"));
        Map<String, Long> targets = EvolveJobContract.parseTargets(run.env().get(EvolveJobContract.TARGETS_ENV));
        List<String> behind = new ArrayList<>();
        // a drill's backup of data no evolve Job touched: the simulated cluster does not model the first release
        // initialising root['repoze.evolution'], so a manager it has no generation for holds the recorded one
        boolean drill = run.labels().containsKey(Labels.DRILL);
        targets.forEach((m, g) -> {
            if (copy.generation(m) != g && !(drill && !copy.generations().containsKey(m))) {
                behind.add(m + "=" + copy.generation(m) + " (expected " + g + ")");
            }
        });
        boolean indexes = !knobs.verifyFails(run.namespace(), run.labels());
        boolean storage = !knobs.drillFails(run.namespace(), run.labels());
        String checks = String.join(",",
                check("storage", storage, storage ? copy.writes().size() + " transactions read"
                        : "sandbox: the database is annotated so that its backups fail their drills"),
                check("references", true, "no dangling references"),
                check("generations", behind.isEmpty(), behind.isEmpty() ? "at the targets" : String.join(" ", behind)),
                check("indexes", indexes, indexes ? "reindexed indexes agree with the content"
                        : "sandbox: the release is annotated to fail verification"));
        return "{\"checks\":[" + checks + "],\"objects\":" + copy.writes().size() + ",\"transactions\":"
                + copy.writes().size() + ",\"lastTransaction\":\"" + transactionId(copy.lastWrite()) + "\"}";
    }

    private String lastTransaction(JobRun run) {
        long last = served(run).map(VolumeContent::lastWrite).orElse(0L);
        return "{\"lastTransaction\":\"" + transactionId(last) + "\"}";
    }

    /**
     * {@code zeo pack}: the served volume's size before ({@link #size}) and after: the last transaction stays
     * whole, every older one loses half its bytes. The lineage is not changed (a pack keeps every current
     * object and the last transaction), so the next pack reports the same sizes.
     */
    private String pack(JobRun run) {
        int transactions = served(run).map(c -> c.writes().size()).orElse(0);
        long after = HEADER_BYTES + Math.min(transactions, 1) * BYTES_PER_TRANSACTION
                + Math.max(transactions - 1, 0) * BYTES_PER_TRANSACTION / 2;
        return "{\"sizeBefore\":" + size(transactions) + ",\"sizeAfter\":" + after + "}";
    }

    /**
     * Whether {@code zeo pack} refuses (its attempt fails, no message): the database's ZEO serves read-only
     * now (a read-only ZEO refuses to pack), or the database is annotated {@code sandbox.karlproject.org/pack-result: Failed}.
     */
    boolean refuses(JobRun run) {
        if (!PACK.equals(run.labels().get(LABEL))) {
            return false;
        }
        boolean readOnly = database(run).map(ZeoDatabase::getStatus).map(s -> s.getReadOnly())
                .map(r -> Boolean.TRUE.equals(r.getActive())).orElse(false);
        return readOnly || knobs.packFails(run.namespace(), run.labels());
    }

    /** The simulated FileStorage's size with {@code transactions} transactions, unpacked. */
    public static long size(int transactions) {
        return HEADER_BYTES + transactions * BYTES_PER_TRANSACTION;
    }

    /** The data of the volume the Job's database serves now. */
    private Optional<VolumeContent> served(JobRun run) {
        return database(run).map(ZeoDatabase::getStatus).map(s -> s.getActiveVolume())
                .flatMap(v -> sim.lineage.volume(run.namespace(), v));
    }

    private Optional<ZeoDatabase> database(JobRun run) {
        String database = run.labels().get("deploy.karlproject.org/database");
        return Optional.ofNullable(sim.client.resources(ZeoDatabase.class).inNamespace(run.namespace())
                .withName(database).get());
    }

    private static String check(String name, boolean passed, String detail) {
        return "{\"name\":\"" + name + "\",\"passed\":" + passed + ",\"detail\":\"" + detail + "\"}";
    }
}
