package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;

/** Promotion, modes, config changes and the quiet no-op reconcile. */
class SiteBehaviourScenariosTest extends SiteScenario {

    @Test
    void productionTakesOnlyReleasesVerifiedOnStaging() {
        h.step("staging and production run 3.30; production requires releases verified in staging");
        stagingAndGatedProduction("acme-staging", "acme-production");

        h.step("production is asked for 3.31 before staging has it: it waits, naming the staging site");
        editSpec("acme-production", spec -> spec.setRelease(R331));
        KarlSite waiting = awaitPhase("acme-production", RolloutPhase.AwaitingPromotion);
        assertEquals("AwaitingPromotion", reason(waiting, "Reconciling"));
        assertTrue(message(waiting, "Reconciling").contains("acme-staging"));
        assertEquals(R330, waiting.getStatus().getActiveRelease());
        assertTrue(releaseDeployments("acme-production", R331).isEmpty(), "nothing deployed while waiting");

        h.step("staging runs and smoke-checks 3.31; production follows");
        editSpec("acme-staging", spec -> spec.setRelease(R331));
        awaitActive("acme-staging", R331);
        awaitActive("acme-production", R331);
    }

    @Test
    void modesReadOnlyMaintenanceAndBackToNormal() {
        h.apply(ref("acme"));
        String revision = awaitActive("acme", R330).getStatus().getActiveRevision();
        Deployment release = deployment(SiteNames.deployment("acme", R330, revision));

        h.step("ReadOnly: KARL is told through the runtime ConfigMap; workers pause; the site stays Ready");
        editSpec("acme", spec -> spec.setMode(SiteMode.ReadOnly));
        awaitSite("acme", "to be ReadOnly and Ready", s -> s.getStatus().getMode() == SiteMode.ReadOnly
                && "True".equals(org.karlproject.operator.sim.SimHarness.condition(s, "Ready").orElseThrow()
                        .get("status")));
        assertEquals("ReadOnly", configMap(SiteNames.runtime("acme")).getData().get("mode"));
        awaitDeployment(SiteNames.worker("acme", Worker.mailout), "paused", d -> replicas(d, 0));
        assertEquals(revision, servedRevision("acme"));

        h.step("Maintenance: the stable Service shows the maintenance page; the release is untouched");
        editSpec("acme", spec -> spec.setMode(SiteMode.Maintenance));
        awaitSite("acme", "to be in Maintenance and Ready", s -> s.getStatus().getMode() == SiteMode.Maintenance
                && "True".equals(org.karlproject.operator.sim.SimHarness.condition(s, "Ready").orElseThrow()
                        .get("status")));
        assertEquals(Selectors.maintenance("acme"), stableSelector("acme"));
        Deployment page = deployment(SiteNames.maintenance("acme"));
        assertEquals(List.of("maintenance"), page.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals(SiteFixtures.image(R330), image(page));
        RestrictedProfile.assertRestricted(page.getSpec().getTemplate().getSpec());
        Deployment untouched = deployment(SiteNames.deployment("acme", R330, revision));
        assertEquals(release.getMetadata().getGeneration(), untouched.getMetadata().getGeneration());
        assertTrue(cronJob(SiteNames.worker("acme", Worker.digest)).getSpec().getSuspend());

        h.step("Normal: traffic back to the release, the page goes, workers resume");
        editSpec("acme", spec -> spec.setMode(SiteMode.Normal));
        awaitSite("acme", "to be Normal", s -> s.getStatus().getMode() == SiteMode.Normal);
        h.awaitThat("the stable Service selects the release again", () -> revision.equals(servedRevision("acme")));
        h.awaitThat("the maintenance page is gone", () -> deployment(SiteNames.maintenance("acme")) == null);
        awaitDeployment(SiteNames.worker("acme", Worker.mailin), "running", d -> replicas(d, 1));
        assertEquals("Normal", configMap(SiteNames.runtime("acme")).getData().get("mode"));
    }

    /** The site's settings ConfigMap acme-etc, with the site label the operator selects ConfigMaps by. */
    private static ConfigMap settings(String ini) {
        return new ConfigMapBuilder().withNewMetadata().withName("acme-etc").withNamespace(NS)
                .withLabels(Map.of(Labels.SITE, "acme")).endMetadata().withData(Map.of("karl.ini", ini)).build();
    }

    @Test
    void aSettingsConfigMapWithoutTheSiteLabelIsNotCachedAndTheSiteNamesTheLabel() {
        h.step("the site names ConfigMap acme-etc, which lacks the site label");
        ConfigMap unlabelled = settings("[app]\nmail = off\n");
        unlabelled.getMetadata().setLabels(Map.of());
        h.apply(unlabelled);
        KarlSite site = ref("acme");
        site.getSpec().setConfig("acme-etc");
        h.apply(site);
        KarlSite stalled = awaitSite("acme", "to be Stalled on its unlabelled ConfigMap",
                s -> "ConfigMissingOrUnlabelled".equals(reason(s, "Stalled")));
        assertTrue(message(stalled, "Stalled").contains("kubectl label configmap acme-etc " + Labels.SITE + "=acme"),
                message(stalled, "Stalled"));
        assertTrue(releaseDeployments("acme", R330).isEmpty(), "nothing deployed without the settings");
        Requests configMapReads = h.requests().snapshot().from(OperatorRunner.USER_AGENT).resource("configmaps")
                .filter(r -> r.name().isEmpty() && (r.verb().equals("list") || r.verb().equals("watch")));
        assertTrue(configMapReads.count() > 0, "the operator lists ConfigMaps");
        assertTrue(configMapReads.list().stream().allMatch(r -> r.path().contains("labelSelector=")),
                "every ConfigMap list and watch has a label selector: " + configMapReads);

        h.step("ops labels it: the site rolls out with its settings");
        h.apply(settings("[app]\nmail = off\n"));
        String revision = awaitActive("acme", R330).getStatus().getActiveRevision();
        assertEquals("[app]\nmail = off\n", configMap(SiteNames.configCopy("acme", revision)).getData().get("karl.ini"));
    }

    @Test
    void aConfigChangeIsANewRevisionThroughTheSameGate() {
        h.step("the site's settings live in ConfigMap acme-etc");
        h.apply(settings("[app]\nmail = off\n"));
        KarlSite site = ref("acme");
        site.getSpec().setConfig("acme-etc");
        h.apply(site);
        String first = awaitActive("acme", R330).getStatus().getActiveRevision();
        assertEquals("[app]\nmail = off\n", configMap(SiteNames.configCopy("acme", first)).getData().get("karl.ini"));

        h.step("ops edits the ConfigMap: the same release rolls out as a new revision, smoke-checked, then switched");
        h.apply(settings("[app]\nmail = on\n"));
        KarlSite after = awaitSite("acme", "to run a new revision", s -> s.getStatus().getActiveRevision() != null
                && !first.equals(s.getStatus().getActiveRevision()) && s.getStatus().getPhase() == RolloutPhase.Stable);
        String second = after.getStatus().getActiveRevision();
        assertNotEquals(first, second);
        assertEquals(R330, after.getStatus().getActiveRelease());
        assertEquals(second, servedRevision("acme"));
        assertTrue(h.cluster().jobRun(NS, SiteNames.smokeCheck("acme", second)).isPresent(), "smoke-checked");
        assertEquals("[app]\nmail = on\n", configMap(SiteNames.configCopy("acme", second)).getData().get("karl.ini"));

        h.step("the first revision keeps the content it was checked with, for rollback");
        assertEquals("[app]\nmail = off\n", configMap(SiteNames.configCopy("acme", first)).getData().get("karl.ini"));
        assertEquals(2, releaseDeployments("acme", R330).size());
    }

    @Test
    void aReconcileWithNothingToDoMakesZeroWrites() {
        h.apply(ref("acme"));
        awaitActive("acme", R330);
        awaitDeployment(SiteNames.worker("acme", Worker.mailin), "ready", d -> d.getStatus() != null
                && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));

        h.step("once Stable, further reconciles write nothing");
        reconcileMore("acme", 1);
        long mark = h.requests().mark();
        reconcileMore("acme", 3);
        Requests since = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        assertEquals(0, since.writes().count(), since::toString);
    }

    @Test
    void oldRevisionsBeyondKeepReleasesAreRetired() {
        h.apply(ref("acme"));
        String first = awaitActive("acme", R330).getStatus().getActiveRevision();
        editSpec("acme", spec -> spec.getRollout().setKeepReleases(2));
        editSpec("acme", spec -> spec.setRelease(R331));
        awaitActive("acme", R331);

        h.step("a third release: with keepReleases 2, the oldest revision and its config copy are deleted");
        editSpec("acme", spec -> spec.setRelease(R332));
        KarlSite site = awaitActive("acme", R332);
        assertEquals(2, site.getStatus().getReleases().size());
        h.awaitThat("3.30's Deployment is deleted", () -> deployment(SiteNames.deployment("acme", R330, first)) == null);
        h.awaitThat("3.30's config copy is deleted", () -> configMap(SiteNames.configCopy("acme", first)) == null);
        assertNull(site.getStatus().getReleases().stream().filter(r -> R330.equals(r.getRelease())).findFirst()
                .orElse(null));
    }
}
