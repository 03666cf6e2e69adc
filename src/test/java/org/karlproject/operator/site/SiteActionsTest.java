package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.ReleaseState;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.Settings;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.site.rollout.SiteView;

/** The planner, without a server: from a decided status and the cached children, the writes to make. */
class SiteActionsTest {

    static final Instant NOW = Instant.parse("2026-05-06T10:00:00Z");

    final KarlSite site = site();
    final Revisions r1 = revision("karl-3-30");
    final Revisions r2 = revision("karl-3-31");
    final List<HasMetadata> cached = new ArrayList<>();

    private static KarlSite site() {
        KarlSite site = SiteFixtures.site("acme", "karl-3-31", "acme-db");
        site.getMetadata().setUid("uid-1");
        site.getSpec().getRollout().setScaleDownDelaySeconds(30);
        return site;
    }

    private Revisions revision(String release) {
        return new Revisions(release, SiteFixtures.image(release), Map.of("karl.ini", "x"),
                Revisions.env(site.getSpec(), "acme-db:8100"), null);
    }

    /** Everything a site on R1 has, as the caches would show it, with R2 deployed too. */
    void converged() {
        cached.add(RuntimeConfig.of(site, SiteMode.Normal));
        for (Revisions r : List.of(r1, r2)) {
            cached.add(ConfigCopy.of(site, r.hash(), r.config()));
            cached.add(ReleaseDeployment.of(site, r, 1));
        }
        cached.add(SiteService.of(site, SiteNames.stableService("acme"), "stable", Selectors.revision("acme", r1.hash())));
        cached.add(SiteService.of(site, SiteNames.previewService("acme"), "preview", Selectors.revision("acme", r2.hash())));
    }

    KarlSiteStatus status(RolloutPhase phase) {
        KarlSiteStatus status = new KarlSiteStatus();
        status.setPhase(phase);
        status.setActiveRelease(r1.release());
        status.setActiveRevision(r1.hash());
        status.setTargetRelease(r2.release());
        status.setTargetRevision(r2.hash());
        status.setRolloutStartedAt(NOW.toString());
        status.setReleases(new ArrayList<>(List.of(entry(r2, ReleaseState.Candidate), entry(r1, ReleaseState.Active))));
        return status;
    }

    static SiteRelease entry(Revisions r, ReleaseState state) {
        SiteRelease entry = new SiteRelease();
        entry.setRelease(r.release());
        entry.setRevision(r.hash());
        entry.setDeployment(SiteNames.deployment("acme", r.release(), r.hash()));
        entry.setState(state);
        return entry;
    }

    SiteView view() {
        return new SiteView(new SiteView.Site("acme", 1, Settings.of(site.getSpec()), NOW),
                new SiteView.Releases(Optional.of(r2.revision()), null, Map.of("karl", 28L), Map.of(), Set.of()),
                new SiteView.Database("acme-db", true, "acme-db-data-1", Map.of("karl", 28L), List.of()),
                new SiteView.Children(Map.of(), Map.of(), null, "Normal", false),
                new SiteView.Evolves(List.of(), false, (release, name) -> SiteEvolveRun.of(site, release, name)));
    }

    SiteActions.Planned plan(KarlSiteStatus next) {
        Map<String, Deployment> deployments = new HashMap<>();
        cached.stream().filter(Deployment.class::isInstance).forEach(d -> deployments.put(d.getMetadata().getName(),
                (Deployment) d));
        SiteChildren children = new SiteChildren(deployments, Map.of(), Map.of(), Set.of(), new SiteChildren.Named() {
            @Override
            public <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
                return cached.stream().filter(type::isInstance).map(type::cast)
                        .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
            }
        });
        return SiteActions.plan(site, view(), Optional.of(r2), children, SiteRoutes.Routes.alone(site, false), next);
    }

    static List<Intent> writes(SiteActions.Planned planned) {
        return planned.plan().intents().stream().filter(i -> !(i instanceof Intent.Ensure<?>)).toList();
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T edited(Intent intent) {
        Intent.Edit<T> edit = (Intent.Edit<T>) assertInstanceOf(Intent.Edit.class, intent);
        return edit.change().apply(Serialization.clone(edit.cached()));
    }

    @Test
    void aConvergedSitePlansNoCreateEditOrDelete() {
        converged();
        SiteActions.Planned planned = plan(status(RolloutPhase.Deploying));
        assertEquals(List.of(), writes(planned));
        assertEquals(Optional.empty(), planned.later());
    }

    @Test
    void whatIsMissingIsCreatedAndTheReleaseDeploymentOnlyOnce() {
        SiteActions.Planned planned = plan(status(RolloutPhase.Deploying));
        List<String> created = writes(planned).stream().map(i -> ((Intent.Create) i).object().getMetadata().getName())
                .toList();
        assertEquals(List.of(SiteNames.runtime("acme"), SiteNames.configCopy("acme", r2.hash()),
                SiteNames.deployment("acme", r2.release(), r2.hash()), SiteNames.previewService("acme"),
                SiteNames.stableService("acme")), created);
    }

    @Test
    void theSwitchIsOneEditOfTheWholeStableSelector() {
        converged();
        List<Intent> writes = writes(plan(status(RolloutPhase.Switching)));
        assertEquals(1, writes.size(), writes::toString);
        Service switched = edited(writes.get(0));
        assertEquals(SiteNames.stableService("acme"), switched.getMetadata().getName());
        assertEquals(Selectors.revision("acme", r2.hash()), switched.getSpec().getSelector());
    }

    @Test
    void aKeptReleaseStaysWarmForTheDelayThenScalesToZero() {
        converged();
        KarlSiteStatus next = status(RolloutPhase.Stable);
        next.setActiveRelease(r2.release());
        next.setActiveRevision(r2.hash());
        next.setReleases(new ArrayList<>(List.of(entry(r2, ReleaseState.Active), entry(r1, ReleaseState.Kept))));
        next.setSwitchedAt(NOW.minusSeconds(10).toString());
        cached.removeIf(o -> o instanceof Service);
        cached.add(SiteService.of(site, SiteNames.stableService("acme"), "stable", Selectors.revision("acme", r2.hash())));
        SiteActions.Planned warm = plan(next);
        assertEquals(List.of(), writes(warm));
        assertEquals(Optional.of(Duration.ofSeconds(21)), warm.later(), "looks again when the delay is over");

        next.setSwitchedAt(NOW.minusSeconds(31).toString());
        List<Intent> writes = writes(plan(next));
        assertEquals(1, writes.size(), writes::toString);
        Deployment scaled = edited(writes.get(0));
        assertEquals(SiteNames.deployment("acme", r1.release(), r1.hash()), scaled.getMetadata().getName());
        assertEquals(0, scaled.getSpec().getReplicas());
    }

    @Test
    void workersAreEnsuredOnTheActivePodWithTheirSubcommand() {
        converged();
        List<String> ensured = plan(status(RolloutPhase.Stable)).plan().intents().stream()
                .filter(i -> i instanceof Intent.Ensure<?>).map(i -> ((Intent.Ensure<?>) i).desired().getMetadata()
                        .getName()).toList();
        assertEquals(List.of(SiteNames.worker("acme", Worker.mailin), SiteNames.worker("acme", Worker.mailout),
                SiteNames.worker("acme", Worker.digest)), ensured);
        assertTrue(plan(status(RolloutPhase.Stable)).plan().intents().stream().noneMatch(i -> i instanceof Intent.Delete),
                "no maintenance page to delete outside Maintenance");
    }

    @Test
    void theRuntimeModeIsATypedEditOfItsData() {
        converged();
        site.getSpec().setMode(SiteMode.ReadOnly);
        List<Intent> writes = writes(plan(status(RolloutPhase.Deploying)));
        assertEquals(1, writes.size(), writes::toString);
        assertEquals("ReadOnly", RuntimeConfig.mode(edited(writes.get(0))));
    }
}
