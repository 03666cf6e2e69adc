package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.database.DatabaseFixtures.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.SnapshotSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.RestrictedProfile;

class BuildersTest {

    @Test
    void zeoConfServesOneFileStorageInsideABlobStorage() {
        String conf = ZeoConf.render(8100, true, 1000);
        assertEquals("""
                # Rendered by karl-operator; edits are overwritten.
                <zeo>
                  address 0.0.0.0:8100
                  read-only true
                  invalidation-queue-size 1000
                </zeo>

                <blobstorage 1>
                  blob-dir /var/lib/zeo/blobs
                  <filestorage 1>
                    path /var/lib/zeo/Data.fs
                  </filestorage>
                </blobstorage>
                """, conf);
        assertTrue(ZeoConf.render(9000, false, 50).contains("  address 0.0.0.0:9000\n  read-only false\n"
                + "  invalidation-queue-size 50\n"));
        assertEquals("prod-zeo", ZeoConf.of(db("prod"), conf).getMetadata().getName());
        assertEquals(conf, ZeoConf.of(db("prod"), conf).getData().get("zeo.conf"));
    }

    @Test
    void deploymentIsOneRecreateReplicaOnTheActiveVolumeMeetingTheRestrictedProfile() {
        ZeoDatabase db = db("prod");
        String conf = ZeoConf.render(db, false);
        var deployment = ZeoDeployment.of(db, "prod-data-1", conf, false);
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
        RestrictedProfile.assertRestricted(deployment.getSpec().getTemplate().getSpec());
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("runzeo", "-C", "/etc/zeo/zeo.conf"), container.getCommand());
        assertEquals(DatabaseFixtures.ZEO_IMAGE, container.getImage());
        assertEquals(8100, container.getReadinessProbe().getTcpSocket().getPort().getIntVal());
        assertEquals(Optional.of("prod-data-1"), ZeoDeployment.servedVolume(deployment));
        assertEquals("zeo", deployment.getMetadata().getLabels().get(Labels.NAME));
        assertEquals("prod", deployment.getSpec().getTemplate().getMetadata().getLabels().get(Labels.DATABASE));
        assertEquals(1, deployment.getMetadata().getOwnerReferences().size());

        var readOnly = ZeoDeployment.of(db, "prod-data-1", ZeoConf.render(db, true), true);
        assertNotEquals(deployment.getSpec().getTemplate().getMetadata().getAnnotations(),
                readOnly.getSpec().getTemplate().getMetadata().getAnnotations(), "a read-only flip restarts ZEO");
        assertTrue(ZeoDeployment.templateReadOnly(readOnly));
        assertFalse(ZeoDeployment.templateReadOnly(deployment));
    }

    @Test
    void networkPolicyAdmitsOnlyThisDatabasesPodsOnTheZeoPort() {
        var policy = ZeoNetworkPolicy.of(db("prod"));
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals(Map.of(Labels.NAME, "zeo", Labels.INSTANCE, "prod"), policy.getSpec().getPodSelector().getMatchLabels());
        var ingress = policy.getSpec().getIngress();
        assertEquals(1, ingress.size());
        assertEquals(Map.of("deploy.karlproject.org/database", "prod"),
                ingress.get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(1, ingress.get(0).getFrom().size());
        assertEquals(8100, ingress.get(0).getPorts().get(0).getPort().getIntVal());
        assertEquals(1, ingress.get(0).getPorts().size());
    }

    @Test
    void serviceSelectsZeoOnlyAndEndpointNamesIt() {
        var service = ZeoService.of(db("prod"));
        assertEquals("prod-zeo", service.getMetadata().getName());
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(Map.of(Labels.NAME, "zeo", Labels.INSTANCE, "prod"), service.getSpec().getSelector());
        assertEquals("prod-zeo.default.svc:8100", DatabaseObjects.endpoint(db("prod")));
    }

    @Test
    void dataHasNoOwnerReferenceAndRestoresFromASnapshot() {
        ZeoDatabase db = db("prod");
        db.getSpec().getStorage().setStorageClassName("fast");
        var pvc = DataVolumes.of(db, "prod-data-1", Optional.of("snap"));
        assertTrue(pvc.getMetadata().getOwnerReferences() == null || pvc.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("fast", pvc.getSpec().getStorageClassName());
        assertEquals("1Gi", pvc.getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("VolumeSnapshot", pvc.getSpec().getDataSource().getKind());
        assertEquals("snap", pvc.getSpec().getDataSource().getName());
        assertNull(DataVolumes.of(db, "prod-data-1", Optional.empty()).getSpec().getDataSource());

        SnapshotSpec snapshots = new SnapshotSpec();
        snapshots.setVolumeSnapshotClassName("csi-snap");
        db.getSpec().setSnapshots(snapshots);
        var snapshot = Snapshots.of(db, "prod-backup-20261129-0200", "prod-data-1", org.karlproject.operator.api.database.BackupTrigger.Scheduled);
        assertTrue(snapshot.getMetadata().getOwnerReferences() == null || snapshot.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("csi-snap", snapshot.get("spec", "volumeSnapshotClassName"));
        assertEquals("prod-data-1", snapshot.get("spec", "source", "persistentVolumeClaimName"));
        assertEquals("Scheduled", snapshot.getMetadata().getLabels().get(DatabaseObjects.BACKUP));
        assertEquals("prod", snapshot.getMetadata().getLabels().get(Labels.DATABASE));
    }

    @Test
    void namesAreDeterministic() {
        ZeoDatabase db = db("prod");
        assertEquals("prod-data-1", DatabaseObjects.firstVolume(db));
        assertEquals(DatabaseObjects.volumeFor(db, "n1"), DatabaseObjects.volumeFor(db, "n1"));
        assertNotEquals(DatabaseObjects.volumeFor(db, "n1"), DatabaseObjects.volumeFor(db, "n2"));
        assertEquals("prod-backup-20261129-0200", Snapshots.scheduledName(db, Instant.parse("2026-11-29T02:00:00Z")));
        assertEquals(Snapshots.onDemandName(db, "x"), Snapshots.onDemandName(db, "x"));
        assertEquals("prod-seed", Snapshots.sourceName(db, Optional.empty()));
    }
}
