package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.Generations;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.PodSecurity;

/**
 * The two check Jobs of Verifying, pure builders: the verify Job (the release image's {@code verify}
 * subcommand on the evolved copy, mounted read-only) and the last-transaction Job (the ZEO image's
 * {@code zeo last-transaction}, asking the running read-only ZEO server). Each reports a small JSON result
 * through its termination message ({@value #RESULT_FILE}), which the run reads from the Job's pod. Both run
 * once ({@code backoffLimit: 0}), under the restricted Pod Security profile, without a service account token,
 * and carry {@link ChildNames#CHECK_LABEL}. The contract is in {@code docs/evolve.md}. A backup drill of a
 * ZeoDatabase runs the same verify Job on its scratch volume ({@link #verify(Owner, String, Map, String,
 * String, EnvVar, Map, List)}).
 */
public final class CheckJobs {
    /** Where a check writes its JSON result: the container's termination message. */
    public static final String RESULT_FILE = "/dev/termination-log";
    public static final String ENV_RESULT_FILE = "KARL_RESULT_FILE";
    public static final String ENV_ZEO_ADDRESS = "KARL_ZEO_ADDRESS";

    private CheckJobs() {
    }

    /** What the verify Job needs beyond the run. */
    public record VerifyInputs(String name, String image, String restoredVolume, String database,
            Map<String, Long> to, List<String> reindex) {
    }

    /** Who a check Job belongs to: its namespace, its controlling owner, and how long it may run. */
    public record Owner(String namespace, OwnerReference reference, long activeDeadlineSeconds) {
        static Owner of(EvolveRun run) {
            return new Owner(run.getMetadata().getNamespace(), ChildNames.owner(run),
                    run.getSpec().getActiveDeadlineSeconds().longValue());
        }
    }

    /** The verify Job: the release image runs {@code verify} against the copy, mounted read-only. */
    public static Job verify(EvolveRun run, VerifyInputs in) {
        Map<String, String> labels = ChildNames.labels(run, in.database());
        labels.put(ChildNames.CHECK_LABEL, ChildNames.VERIFY_CHECK);
        return verify(Owner.of(run), in.name(), labels, in.image(), in.restoredVolume(),
                new EnvVar(EvolveJob.ENV_RUN, run.getMetadata().getName(), null), in.to(), in.reindex());
    }

    /**
     * The verify Job of any owner (an evolve run's copy, a backup drill's scratch volume): {@code image} runs
     * {@code verify} on {@code volume}, mounted read-only, with {@code identity} (who asks) first in its
     * environment. {@code labels} go on the Job and its pods and must carry {@link ChildNames#CHECK_LABEL}.
     */
    public static Job verify(Owner owner, String name, Map<String, String> labels, String image, String volume,
            EnvVar identity, Map<String, Long> to, List<String> reindex) {
        List<EnvVar> env = List.of(
                identity,
                new EnvVar(EvolveJob.ENV_TO, Generations.format(to), null),
                new EnvVar(EvolveJob.ENV_REINDEX, String.join(",", reindex), null),
                new EnvVar(EvolveJob.ENV_DATA_FS, EvolveJob.DATA_FS, null),
                new EnvVar(EvolveJob.ENV_BLOB_DIR, EvolveJob.BLOB_DIR, null),
                new EnvVar(ENV_RESULT_FILE, RESULT_FILE, null));
        Volume data = new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(volume).withReadOnly(true).endPersistentVolumeClaim().build();
        VolumeMount mount = new VolumeMountBuilder().withName("data").withMountPath(EvolveJob.DATA_DIR).withReadOnly(true).build();
        return job(owner, name, labels, image, List.of("verify"), env, data, mount);
    }

    /** The last-transaction Job: the ZEO image asks the server at {@code zeoAddress} (host:port). */
    public static Job lastTransaction(EvolveRun run, String name, String database, String zeoImage, String zeoAddress) {
        List<EnvVar> env = List.of(new EnvVar(ENV_ZEO_ADDRESS, zeoAddress, null),
                new EnvVar(ENV_RESULT_FILE, RESULT_FILE, null));
        Map<String, String> labels = ChildNames.labels(run, database);
        labels.put(ChildNames.CHECK_LABEL, ChildNames.LAST_TRANSACTION_CHECK);
        return job(Owner.of(run), name, labels, zeoImage, List.of("zeo", "last-transaction"), env, null, null);
    }

    private static Job job(Owner owner, String name, Map<String, String> labels, String image,
            List<String> command, List<EnvVar> env, Volume data, VolumeMount dataMount) {
        String check = labels.get(ChildNames.CHECK_LABEL);
        ContainerBuilder container = new ContainerBuilder().withName(check).withImage(image).withCommand(command)
                .withWorkingDir(data == null ? "/tmp" : EvolveJob.DATA_DIR).withEnv(env)
                .withTerminationMessagePath(RESULT_FILE).withTerminationMessagePolicy("File");
        if (dataMount != null) {
            container.addToVolumeMounts(dataMount);
        }
        return runOnce(owner, name, labels, container.build(), data);
    }

    /**
     * A Job of the run's that runs {@code container} once ({@code backoffLimit: 0}, no restarts, the run's
     * {@code activeDeadlineSeconds}), owned by the run, restricted, without a service account token, with
     * {@code data} (if any) and a {@code /tmp} scratch volume: the root filesystem is read-only (restricted
     * profile) and Python and ZODB need a scratch space. The evolve Job and both check Jobs are built so.
     */
    static Job runOnce(EvolveRun run, String name, Map<String, String> labels, Container container, Volume data) {
        return runOnce(Owner.of(run), name, labels, container, data);
    }

    private static Job runOnce(Owner owner, String name, Map<String, String> labels, Container container, Volume data) {
        return runOnce(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace(owner.namespace()).withLabels(labels).withOwnerReferences(owner.reference()).build(),
                owner.activeDeadlineSeconds(), container, data);
    }

    /**
     * A Job of {@code metadata} (name, namespace, labels, owner) that runs {@code container} once within
     * {@code deadlineSeconds}, built as {@link #runOnce(EvolveRun, String, Map, Container, Volume)} says; the
     * database's check Jobs (the last-transaction checks at deletion and before a data restore) are built so too.
     */
    public static Job runOnce(io.fabric8.kubernetes.api.model.ObjectMeta metadata, long deadlineSeconds,
            Container container, Volume data) {
        container.setSecurityContext(PodSecurity.container());
        List<VolumeMount> mounts = new ArrayList<>(Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()));
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        container.setVolumeMounts(mounts);
        List<Volume> volumes = new ArrayList<>();
        if (data != null) {
            volumes.add(data);
        }
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        return new JobBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withNewTemplate()
                .withNewMetadata().withLabels(metadata.getLabels()).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod())
                .withContainers(container)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
