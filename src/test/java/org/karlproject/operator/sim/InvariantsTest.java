package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.sim.Fixtures.NS;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.k8s.Labels;

/**
 * The invariant monitor, on objects made by hand (no operator): each invariant it checks is seen broken,
 * and what the user consented to is not reported.
 */
class InvariantsTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);
    private ZeoDatabase db;

    @BeforeEach
    void writableZeo() {
        db = h.apply(Fixtures.zeoDatabase("prod", false));
        h.apply(Fixtures.pvc("prod-a", "1Gi"));
        h.apply(new ConfigMapBuilder().withNewMetadata().withName("prod-zeo").withNamespace(NS).endMetadata()
                .withData(Map.of("zeo.conf", "<zeo>\n  read-only false\n</zeo>\n")).build());
        h.apply(zeo("prod-a"));
        awaitZeo("prod-a");
        h.awaitThat("writes to prod-a", () -> h.lineage().writesTo(NS, "prod-a").size() > 2);
        assertEquals(List.of(), h.cluster().invariantViolations());
    }

    @AfterEach
    void shutDown() {
        h.close();
    }

    private Deployment zeo(String pvc) {
        return new DeploymentBuilder().withNewMetadata().withName("prod-zeo").withNamespace(NS)
                .withLabels(Map.of(Labels.NAME, "zeo")).withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(db.getApiVersion()).withKind(db.getKind()).withName("prod")
                        .withUid(h.get(db).getMetadata().getUid()).withController(true).build()).endMetadata()
                .withNewSpec().withReplicas(1).withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Map.of("app", "zeo")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "zeo")).endMetadata().withNewSpec()
                .addNewContainer().withName("zeo").withImage(Fixtures.ZEO_IMAGE).endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(pvc)
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName("prod-zeo").endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    private void awaitZeo(String pvc) {
        h.awaitThat("ZEO serves " + pvc, () -> new ZeoServer(NS + "/prod-zeo", NS + "/" + pvc, false)
                .equals(h.cluster().zeoServers().get(NS + "/prod-zeo")));
    }

    private void awaitViolation(String invariant) {
        h.awaitThat("the monitor to report: " + invariant, () -> h.cluster().invariantViolations().stream()
                .anyMatch(v -> v.contains(invariant)));
    }

    private void editDatabaseStatus(java.util.function.Consumer<ZeoDatabaseStatus> change) {
        h.editStatus(db, d -> {
            if (d.getStatus() == null) {
                d.setStatus(new ZeoDatabaseStatus());
            }
            change.accept(d.getStatus());
        });
    }

    @Test
    void readOnlyReportedWhileZeoIsWritable() {
        editDatabaseStatus(s -> {
            ReadOnlyStatus readOnly = new ReadOnlyStatus();
            readOnly.setActive(true);
            s.setReadOnly(readOnly);
        });
        awaitViolation("read-only is true");
    }

    @Test
    void twoZeoPodsOnOneVolume() {
        h.edit(h.client().apps().deployments().inNamespace(NS).withName("prod-zeo").get(), d -> d.getSpec().setReplicas(2));
        awaitViolation("one ZEO process per volume");
    }

    @Test
    void zeoMovedToAVolumeWithoutTheCommittedWrites() {
        h.apply(Fixtures.pvc("prod-b", "1Gi"));
        h.edit(h.client().apps().deployments().inNamespace(NS).withName("prod-zeo").get(),
                d -> d.setSpec(zeo("prod-b").getSpec()));
        awaitZeo("prod-b");
        awaitViolation("no committed write is lost");
    }

    @Test
    void aDataRestoreTheUserAskedForLosesWritesWithConsent() {
        editDatabaseStatus(s -> {
            PreviousVolume retired = new PreviousVolume();
            retired.setName("prod-a");
            retired.setReason("Rollback acme to karl-3-30");
            s.getPreviousVolumes().add(retired);
        });
        h.apply(Fixtures.pvc("prod-b", "1Gi"));
        h.edit(h.client().apps().deployments().inNamespace(NS).withName("prod-zeo").get(),
                d -> d.setSpec(zeo("prod-b").getSpec()));
        awaitZeo("prod-b");
        long ticks = h.cluster().zeoTicks();
        h.awaitThat("a few ticks", () -> h.cluster().zeoTicks() > ticks + 3);
        assertEquals(List.of(), h.cluster().invariantViolations());
    }

    @Test
    void aWritableSiteServedByAReleaseThatExpectsOtherGenerations() {
        siteServedByR1();

        h.step("the stable Service selects r2 while the data is still at karl 28 and ZEO writable");
        h.edit(h.client().services().inNamespace(NS).withName("acme").get(),
                s -> s.getSpec().setSelector(Map.of("app", "web", "rev", "r2")));
        awaitViolation("code and data move together");
        assertTrue(h.cluster().invariantViolations().get(0).contains("expects {karl=29}"),
                h.cluster().invariantViolations()::toString);
    }

    @Test
    void aPodOfTheSiteRunningAReleaseThatExpectsOtherGenerations() {
        siteServedByR1();

        h.step("a candidate of site acme runs r2 (karl 29), unselected, while the data is at karl 28 and writable");
        Deployment candidate = Fixtures.deployment("acme-candidate", Fixtures.KARL_IMAGE, 1);
        candidate.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "acme-candidate", Labels.SITE, "acme",
                Labels.RELEASE, "r2"));
        h.apply(candidate);
        awaitViolation("code and data move together");
        assertTrue(h.cluster().invariantViolations().get(0).contains("pods run of acme-candidate"),
                h.cluster().invariantViolations()::toString);
    }

    /**
     * Releases r1 (karl 28) and r2 (karl 29), a site acme on prod whose stable Service selects r1's pods, and
     * pods of r2 running unselected (of no site: not acme's own pods).
     */
    private void siteServedByR1() {
        h.step("releases r1 (karl 28) and r2 (karl 29), a site on prod, its stable Service on r1");
        release("r1", 28);
        release("r2", 29);
        KarlSite site = new KarlSite();
        site.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("acme").withNamespace(NS)
                .build());
        site.setSpec(new KarlSiteSpec());
        site.getSpec().setDatabase("prod");
        site.getSpec().setRelease("r1");
        h.apply(site);
        for (String release : List.of("r1", "r2")) {
            Deployment web = Fixtures.deployment("web-" + release, Fixtures.KARL_IMAGE, 1);
            web.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "rev", release,
                    Labels.RELEASE, release));
            h.apply(web);
            h.awaitCondition(web, "Available", "True");
        }
        h.apply(new ServiceBuilder().withNewMetadata().withName("acme").withNamespace(NS).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web", "rev", "r1")).endSpec().build());
        long ticks = h.cluster().zeoTicks();
        h.awaitThat("a few ticks", () -> h.cluster().zeoTicks() > ticks + 3);
        assertEquals(List.of(), h.cluster().invariantViolations(), "r1 initialised the data at karl 28");
    }

    private void release(String name, long karl) {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS)
                .build());
        release.setSpec(new ReleaseIndexSpec());
        h.apply(release);
        h.editStatus(release, r -> {
            r.setStatus(new ReleaseIndexStatus());
            r.getStatus().setGenerations(Map.of("karl", karl));
        });
    }
}
