package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RollbackKind;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.RestrictedProfile;
import org.karlproject.operator.sim.JobRun;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.site.rollout.SiteNames;

/** First install, upgrades, aborts and the fast rollback, on the simulated cluster. */
class RolloutScenariosTest extends SiteScenario {

    @Test
    void firstInstallDeploysSmokeChecksAndSwitches() {
        h.step("ops applies site acme on release 3.30 and database " + DB);
        h.apply(ref("acme"));

        h.step("the operator deploys 3.30, smoke-checks it through the preview Service and points the stable Service at it");
        KarlSite site = awaitActive("acme", R330);
        String revision = site.getStatus().getActiveRevision();
        Deployment release = deployment(SiteNames.deployment("acme", R330, revision));
        assertEquals(SiteFixtures.image(R330), image(release));
        assertEquals(List.of("serve"), release.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals(DB, release.getSpec().getTemplate().getMetadata().getLabels().get(Labels.DATABASE));
        RestrictedProfile.assertRestricted(release.getSpec().getTemplate().getSpec());
        assertEquals(revision, servedRevision("acme"));
        assertEquals(JobRun.Outcome.SUCCEEDED, h.cluster().jobRun(NS, SiteNames.smokeCheck("acme", revision))
                .orElseThrow().outcome());
        assertEquals(R330, site.getStatus().getVerifiedReleases().get(0).getRelease());
        assertEquals(SiteMode.Normal, site.getStatus().getMode());
        assertEquals("Normal", configMap(SiteNames.runtime("acme")).getData().get("mode"));
        assertTrue(configMap(SiteNames.configCopy("acme", revision)).getImmutable());

        h.step("a first install never evolves: the new database has no generations yet");
        assertTrue(h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().isEmpty());
        awaitDatabase("to record 3.30's generations once the site is Ready",
                db -> SiteFixtures.karl(28).equals(db.getGenerations()));

        h.step("the workers run the active release");
        assertEquals(SiteFixtures.image(R330), image(deployment(SiteNames.worker("acme", Worker.mailin))));
        assertTrue(replicas(deployment(SiteNames.worker("acme", Worker.mailout)), 1));
        assertFalse(cronJob(SiteNames.worker("acme", Worker.digest)).getSpec().getSuspend());
    }

    @Test
    void upgradeWithoutEvolveKeepsThePreviousReleaseScaledDownForRollback() {
        h.apply(ref("acme"));
        String before = awaitActive("acme", R330).getStatus().getActiveRevision();

        h.step("ops sets spec.release to 3.31 (same generations: no evolve)");
        editSpec("acme", spec -> spec.setRelease(R331));
        KarlSite site = awaitActive("acme", R331);

        h.step("3.31 serves; 3.30 is kept at zero replicas, and a fast switch back is possible");
        assertEquals(site.getStatus().getActiveRevision(), servedRevision("acme"));
        Deployment previous = awaitDeployment(SiteNames.deployment("acme", R330, before), "scaled to zero",
                d -> replicas(d, 0));
        assertEquals(SiteFixtures.image(R330), image(previous));
        assertEquals(List.of(ReleaseState.Active, ReleaseState.Kept),
                site.getStatus().getReleases().stream().map(r -> r.getState()).toList());
        assertEquals(RollbackKind.FastSwitch, site.getStatus().getRollback().get(0).getKind());
        assertEquals(R331, site.getStatus().getLastStableRelease());

        h.step("the workers were handed over to 3.31");
        awaitDeployment(SiteNames.worker("acme", Worker.mailin), "to run 3.31",
                d -> SiteFixtures.image(R331).equals(image(d)));
        assertTrue(h.client().resources(EvolveRun.class).inNamespace(NS).list().getItems().isEmpty());
    }

    @Test
    void aCandidateThatNeverBecomesReadyIsAbortedAndNeverGetsTraffic() {
        h.apply(ref("acme"));
        String served = awaitActive("acme", R330).getStatus().getActiveRevision();

        h.step("3.31's image crash-loops; ops sets spec.release to 3.31 with a 2 s progress deadline");
        h.cluster().neverReady(SiteFixtures.image(R331));
        editSpec("acme", spec -> {
            spec.setRelease(R331);
            spec.getRollout().setProgressDeadlineSeconds(2);
        });

        h.step("past the deadline the rollout is aborted: Stalled, 3.30 still serves");
        KarlSite site = awaitPhase("acme", RolloutPhase.Aborted);
        assertEquals("RolloutAborted", reason(site, "Stalled"));
        assertEquals("True", SimHarness.condition(site, "Stalled").orElseThrow().get("status"));
        assertEquals(served, servedRevision("acme"));
        assertEquals(R330, site.getStatus().getActiveRelease());
        awaitDeployment(SiteNames.deployment("acme", R331, site.getStatus().getTargetRevision()),
                "the aborted candidate scaled to zero", d -> replicas(d, 0));

        h.step("no retry storm: more reconciles make no writes while the spec is unchanged");
        long mark = h.requests().mark();
        reconcileMore("acme", 2);
        assertEquals(0, h.requests().snapshot().since(mark).from(org.karlproject.operator.sim.OperatorRunner.USER_AGENT)
                .writes().count());
        assertEquals(RolloutPhase.Aborted, site("acme").getStatus().getPhase());

        h.step("the image is fixed and the spec changes (a new generation): the rollout is retried and succeeds");
        h.cluster().healthy(SiteFixtures.image(R331));
        editSpec("acme", spec -> spec.getRollout().setProgressDeadlineSeconds(60));
        awaitActive("acme", R331);
    }

    @Test
    void aFailedSmokeCheckAbortsTheRollout() {
        h.apply(ref("acme"));
        String served = awaitActive("acme", R330).getStatus().getActiveRevision();

        h.step("3.31 answers its smoke check wrongly");
        h.cluster().failJobs(org.karlproject.operator.sim.JobMatcher.matching().namePrefix("acme-smoke")
                .image(SiteFixtures.image(R331)));
        editSpec("acme", spec -> spec.setRelease(R331));

        h.step("the rollout is aborted with SmokeCheckFailed; 3.30 keeps the traffic and 3.31 is not verified");
        KarlSite site = awaitPhase("acme", RolloutPhase.Aborted);
        assertEquals("SmokeCheckFailed", reason(site, "Stalled"));
        assertEquals(served, servedRevision("acme"));
        assertTrue(site.getStatus().getVerifiedReleases().stream().noneMatch(v -> R331.equals(v.getRelease())));
        assertEquals(ReleaseState.Aborted, site.getStatus().getReleases().get(0).getState());
    }

    @Test
    void aFastRollbackSwitchesBackWithoutASmokeCheck() {
        h.apply(ref("acme"));
        String first = awaitActive("acme", R330).getStatus().getActiveRevision();
        editSpec("acme", spec -> spec.setRelease(R331));
        awaitActive("acme", R331);
        int jobs = h.cluster().jobRuns().size();

        h.step("ops sets spec.release back to 3.30, a kept release: scale up, ready, switch");
        editSpec("acme", spec -> spec.setRelease(R330));
        KarlSite site = awaitActive("acme", R330);
        assertEquals(first, site.getStatus().getActiveRevision());
        assertEquals(first, servedRevision("acme"));
        assertTrue(replicas(deployment(SiteNames.deployment("acme", R330, first)), 1));

        h.step("no new smoke check ran: the kept revision passed its own before");
        assertEquals(jobs, h.cluster().jobRuns().size());
    }
}
