package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;

/** The pure builders: names, labels, mounts, and the restricted profile on every pod. */
class SiteBuildersTest {

    private static KarlSite site() {
        KarlSite site = SiteFixtures.site("acme", "karl-3-30", "acme-db");
        site.getMetadata().setUid("uid-1");
        site.getSpec().setCustomizationPackage("osi");
        return site;
    }

    private static Revisions revision(Map<String, String> config) {
        KarlSite site = site();
        return new Revisions("karl-3-30", SiteFixtures.image("karl-3-30"), config,
                Revisions.env(site.getSpec(), "acme-db:8100"), null);
    }

    @Test
    void aReleaseDeploymentIsNamedAfterSiteReleaseAndRevisionAndRunsTheImageByDigest() {
        Revisions r = revision(Map.of("karl.ini", "x"));
        Deployment d = ReleaseDeployment.of(site(), r, 2);
        assertEquals(SiteNames.deployment("acme", "karl-3-30", r.hash()), d.getMetadata().getName());
        assertEquals("acme-karl-3-30-" + r.hash(), d.getMetadata().getName());
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        RestrictedProfile.assertRestricted(pod);
        assertEquals(SiteFixtures.image("karl-3-30"), pod.getContainers().get(0).getImage());
        assertEquals(List.of("serve"), pod.getContainers().get(0).getArgs());
        assertEquals(2, d.getSpec().getReplicas());
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals("acme", labels.get(Labels.SITE));
        assertEquals("karl-3-30", labels.get(Labels.RELEASE));
        assertEquals("acme-db", labels.get(Labels.DATABASE));
        assertEquals(r.hash(), labels.get(Selectors.REVISION));
        assertEquals("karl-operator", labels.get(Labels.MANAGED_BY));
        assertEquals(Selectors.revision("acme", r.hash()), d.getSpec().getSelector().getMatchLabels());
        assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getMountPath().equals(SitePod.CONFIG_DIR) && m.getReadOnly()));
        assertEquals(SiteNames.configCopy("acme", r.hash()), pod.getVolumes().stream()
                .filter(v -> v.getName().equals("config")).findFirst().orElseThrow().getConfigMap().getName());
        assertTrue(pod.getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals("ZEO_ADDRESS") && e.getValue().equals("acme-db:8100")));
        assertTrue(pod.getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals("KARL_CUSTOMIZATION_PACKAGE") && e.getValue().equals("osi")));
        assertEquals("uid-1", d.getMetadata().getOwnerReferences().get(0).getUid());
    }

    @Test
    void theRevisionHashFollowsTheConfigContentAndTheImageButNotReplicas() {
        Revisions a = revision(Map.of("karl.ini", "mail = off"));
        Revisions b = revision(Map.of("karl.ini", "mail = on"));
        assertNotEquals(a.hash(), b.hash());
        assertEquals(a.hash(), revision(Map.of("karl.ini", "mail = off")).hash());
        Revisions other = new Revisions("karl-3-31", SiteFixtures.image("karl-3-31"), a.config(), a.env(), null);
        assertNotEquals(a.hash(), other.hash());
        assertEquals(8, a.hash().length());
    }

    @Test
    void theConfigCopyIsImmutable() {
        var copy = ConfigCopy.of(site(), "abcd1234", Map.of("karl.ini", "x"));
        assertTrue(copy.getImmutable());
        assertEquals("acme-config-abcd1234", copy.getMetadata().getName());
        assertEquals("x", copy.getData().get("karl.ini"));
    }

    @Test
    void workersRunTheActivePodWithTheirSubcommandOneAtATime() {
        PodSpec active = ReleaseDeployment.of(site(), revision(Map.of()), 1).getSpec().getTemplate().getSpec();
        for (Worker worker : List.of(Worker.mailin, Worker.mailout)) {
            Deployment d = WorkerDeployment.of(site(), worker, active, true);
            RestrictedProfile.assertRestricted(d.getSpec().getTemplate().getSpec());
            assertEquals(List.of(worker.name()), d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
            assertEquals("Recreate", d.getSpec().getStrategy().getType());
            assertEquals(1, d.getSpec().getReplicas());
            assertFalse(d.getSpec().getTemplate().getMetadata().getLabels().containsKey(Selectors.REVISION),
                    "a worker is never selected by the site's Services");
            assertEquals(0, WorkerDeployment.of(site(), worker, active, false).getSpec().getReplicas());
        }
        CronJob digest = DigestCronJob.of(site(), active, "0 */6 * * *", false);
        RestrictedProfile.assertRestricted(digest.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        assertTrue(digest.getSpec().getSuspend());
        assertEquals("Forbid", digest.getSpec().getConcurrencyPolicy());
        assertEquals("0 */6 * * *", digest.getSpec().getSchedule());
    }

    @Test
    void theMaintenancePageRunsTheActiveImageWithMaintenance() {
        PodSpec active = ReleaseDeployment.of(site(), revision(Map.of()), 1).getSpec().getTemplate().getSpec();
        Deployment page = MaintenancePage.of(site(), active);
        RestrictedProfile.assertRestricted(page.getSpec().getTemplate().getSpec());
        assertEquals(List.of("maintenance"), page.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals(Selectors.maintenance("acme"), Map.of(Labels.SITE, "acme", Labels.COMPONENT,
                page.getSpec().getTemplate().getMetadata().getLabels().get(Labels.COMPONENT)));
    }

    @Test
    void theSmokeCheckGetsThePathThroughThePreviewServiceOnce() {
        Job job = SmokeCheckJob.of(site(), "abcd1234", SiteFixtures.image("karl-3-31"), "2026-05-06T10:00:00Z");
        assertEquals("acme-smoke-abcd1234", job.getMetadata().getName());
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(30L, job.getSpec().getActiveDeadlineSeconds());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        RestrictedProfile.assertRestricted(pod);
        assertEquals(List.of("python", "-c"), pod.getContainers().get(0).getCommand().subList(0, 2));
        assertTrue(pod.getContainers().get(0).getEnv().stream().anyMatch(e -> e.getName().equals("SMOKE_URL")
                && e.getValue().equals("http://acme-preview/login.html")));
        assertEquals("2026-05-06T10:00:00Z", job.getMetadata().getAnnotations().get(SmokeCheckJob.ATTEMPT));
    }

    @Test
    void servicesMapPort80ToTheHttpPort() {
        var service = SiteService.of(site(), "acme", "stable", Selectors.revision("acme", "abcd1234"));
        assertEquals(80, service.getSpec().getPorts().get(0).getPort());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals("abcd1234", service.getSpec().getSelector().get(Selectors.REVISION));
    }

    @Test
    void theEvolveRunIsNamedForTheCandidateAndTheAttemptAndOwnedButNotControlledByTheSite() {
        String name = SiteNames.evolveRun("acme", "karl-3-32", "2026-12-01T09:00:00Z/4");
        assertTrue(name.startsWith("acme-karl-3-32-"), name);
        assertNotEquals(name, SiteNames.evolveRun("acme", "karl-3-32", "2026-12-01T09:00:00Z/5"),
                "another attempt, another name");
        var run = SiteEvolveRun.of(site(), "karl-3-32", name);
        assertEquals(name, run.getMetadata().getName());
        assertEquals("acme", run.getSpec().getSite());
        assertEquals("karl-3-32", run.getSpec().getRelease());
        assertFalse(run.getMetadata().getOwnerReferences().get(0).getController());
    }
}
