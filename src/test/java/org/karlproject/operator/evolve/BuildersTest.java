package org.karlproject.operator.evolve;

import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.CsiSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.sim.EvolveJobContract;

/** The objects an evolve run creates, built without a server: every builder is a pure {@code static X of(...)}. */
class BuildersTest {
    static final String IMAGE = "registry.example.org/karl/acme@sha256:" + "c".repeat(64);

    private static EvolveRun run() {
        EvolveRun run = EvolveFixtures.run("acme-to-3-31", Map.of("activeDeadlineSeconds", 900));
        run.getMetadata().setUid("uid-1");
        run.getSpec().setCommand(List.of("bin/evolve", "--latest"));
        return run;
    }

    private static Job job() {
        return EvolveJob.of(run(), new EvolveJob.Inputs("acme-to-3-31-evolve", IMAGE, "acme-to-3-31-evolved",
                "acme-production", Map.of("karl", 27L, "osi", 3L), Map.of("osi", 5L, "karl", 29L),
                List.of("creation_date", "texts")));
    }

    @Test
    void theJobRunsTheReleaseImageOnceWithTheSpecsCommandAndDeadline() {
        Job job = job();
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(900L, job.getSpec().getActiveDeadlineSeconds());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(IMAGE, pod.getContainers().get(0).getImage());
        assertEquals(List.of("bin/evolve", "--latest"), pod.getContainers().get(0).getCommand());
        assertEquals("EvolveRun", job.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals("uid-1", job.getMetadata().getOwnerReferences().get(0).getUid());
    }

    @Test
    void theJobMeetsTheRestrictedProfile() {
        RestrictedProfile.assertRestricted(job().getSpec().getTemplate().getSpec());
        assertEquals(Boolean.FALSE, job().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken());
    }

    @Test
    void theJobMountsOnlyTheRestoredVolume() {
        PodSpec pod = job().getSpec().getTemplate().getSpec();
        List<String> claims = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
        assertEquals(List.of("acme-to-3-31-evolved"), claims);
        Volume data = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow();
        assertEquals(EvolveJob.DATA_DIR, pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals(data.getName())).findFirst().orElseThrow().getMountPath());
        assertTrue(pod.getVolumes().stream().allMatch(v -> v.getPersistentVolumeClaim() != null || v.getEmptyDir() != null),
                "besides the copy, only scratch space");
    }

    @Test
    void theJobIsToldTheTargetsTheIndexesAndThePaths() {
        Map<String, String> env = job().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals("karl=29,osi=5", env.get(EvolveJob.ENV_TO));
        assertEquals("karl=27,osi=3", env.get(EvolveJob.ENV_FROM));
        assertEquals("creation_date,texts", env.get(EvolveJob.ENV_REINDEX));
        assertEquals("/var/lib/zeo/Data.fs", env.get(EvolveJob.ENV_DATA_FS));
        assertEquals("/var/lib/zeo/blobs", env.get(EvolveJob.ENV_BLOB_DIR));
        assertEquals("false", env.get(EvolveJob.ENV_DRY_RUN));
        assertEquals("acme-to-3-31", env.get(EvolveJob.ENV_RUN));
    }

    @Test
    void theJobFollowsTheHarnessLineageContract() {
        Job job = job();
        assertEquals(EvolveJobContract.LABEL, ChildNames.RUN_LABEL);
        assertEquals(EvolveJobContract.TARGETS_ENV, EvolveJob.ENV_TO);
        assertEquals("acme-to-3-31", job.getMetadata().getLabels().get(EvolveJobContract.LABEL));
        assertEquals(Map.of("karl", 29L, "osi", 5L), EvolveJobContract.parseTargets(
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .filter(e -> e.getName().equals(EvolveJobContract.TARGETS_ENV)).findFirst().orElseThrow()
                        .getValue()));
        assertEquals("acme-production", job.getSpec().getTemplate().getMetadata().getLabels()
                .get("deploy.karlproject.org/database"), "the database's NetworkPolicy admits the Job's pod");
    }

    @Test
    void snapshotsAreHeldByTheRunAndOwnedByNobody() {
        GenericKubernetesResource snapshot = EvolveSnapshots.of(run(), "acme-to-3-31-base", "acme-production-data",
                "acme-production", "csi-snapclass");
        assertEquals("snapshot.storage.k8s.io/v1", snapshot.getApiVersion());
        assertEquals("evolverun.acme-to-3-31", snapshot.getMetadata().getLabels().get(Labels.HELD_BY));
        assertEquals("acme-production", snapshot.getMetadata().getLabels().get("deploy.karlproject.org/database"));
        assertEquals("karl-operator", snapshot.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertTrue(snapshot.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("acme-production-data", CsiSnapshots.sourcePvc(snapshot).orElseThrow());
        assertEquals("csi-snapclass", snapshot.<String>get("spec", "volumeSnapshotClassName"));
        assertNull(EvolveSnapshots.of(run(), "s", "p", "d", null).get("spec", "volumeSnapshotClassName"));
    }

    @Test
    void theRestoredVolumeIsAtLeastTheSnapshotsRestoreSize() {
        PersistentVolumeClaim pvc = RestoredVolume.of(run(), "acme-to-3-31-evolved", "acme-to-3-31-final",
                "acme-production", "3Gi", "2Gi", "fast");
        assertEquals("3Gi", pvc.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("VolumeSnapshot", pvc.getSpec().getDataSource().getKind());
        assertEquals("snapshot.storage.k8s.io", pvc.getSpec().getDataSource().getApiGroup());
        assertEquals("acme-to-3-31-final", pvc.getSpec().getDataSource().getName());
        assertEquals("fast", pvc.getSpec().getStorageClassName());
        assertTrue(pvc.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("20Gi", RestoredVolume.size("10Gi", "20Gi"));
        assertEquals("1500Mi", RestoredVolume.size("1500Mi", "1Gi"));
        assertEquals("5Gi", RestoredVolume.size(null, "5Gi"));
    }

    @Test
    void theClaimNamesItsDatabaseAndRunAndGoesWithTheRun() {
        ConfigMap claim = AdmissionClaim.of(run(), "acme-production");
        assertEquals(AdmissionClaim.name("acme-production"), claim.getMetadata().getName());
        assertEquals(Map.of("run", "acme-to-3-31", "uid", "uid-1", "database", "acme-production"), claim.getData());
        assertEquals("uid-1", claim.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(Boolean.TRUE, claim.getMetadata().getOwnerReferences().get(0).getController());
        assertEquals("uid-1", claim.getMetadata().getLabels().get(Labels.OWNER_UID),
                "the child writer deletes only what carries its creator's mark");
        assertTrue(AdmissionClaim.isClaim(claim));
        assertTrue(AdmissionClaim.heldBy(claim, run()));
        assertEquals("acme-production", AdmissionClaim.database(claim));
        assertTrue(java.util.Arrays.stream(AdmissionClaim.selector().split(",")).map(kv -> kv.split("="))
                .allMatch(kv -> kv[1].equals(claim.getMetadata().getLabels().get(kv[0]))), "its informer sees it");
    }

    @Test
    void childNamesAreDeterministicAndFitTheirLimits() {
        String longRun = "r".repeat(250);
        assertEquals(ChildNames.job(longRun), ChildNames.job(longRun));
        assertTrue(ChildNames.job(longRun).length() <= 63);
        assertTrue(ChildNames.restoredVolume(longRun).length() <= 253);
        assertTrue(ChildNames.heldBy(longRun).length() <= 63);
        assertEquals(List.of("a-base", "a-final", "a-evolved", "a-evolve", "a-verify", "a-last-txn"), ChildNames.all("a"));
        assertTrue(ChildNames.verifyJob(longRun).length() <= 63);
        assertTrue(ChildNames.lastTransactionJob(longRun).length() <= 63);
    }
}
