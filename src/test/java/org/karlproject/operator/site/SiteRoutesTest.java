package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RouteTls;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.status.Health;

/** The routes, planned without a server: which Ingresses, to which Service, and who owns a host name. */
class SiteRoutesTest {

    final KarlSite site = site();
    final List<HasMetadata> cached = new ArrayList<>();
    final KarlSiteStatus next = new KarlSiteStatus();

    private static KarlSite site() {
        KarlSite site = SiteFixtures.site("acme", "karl-3-31", "acme-db");
        site.getMetadata().setUid("uid-1");
        site.getMetadata().setCreationTimestamp("2026-05-06T10:00:00Z");
        site.getSpec().setHostnames(List.of("karl.acme.example", "www.acme.example"));
        RoutingSpec routing = new RoutingSpec();
        RouteTls tls = new RouteTls();
        tls.setSecretName("acme-tls");
        routing.setTls(tls);
        routing.setPreviewHostname("preview.acme.example");
        site.getSpec().setRouting(routing);
        return site;
    }

    SiteChildren children() {
        return new SiteChildren(Map.of(), Map.of(), Map.of(), Set.of(), new SiteChildren.Named() {
            @Override
            public <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
                return cached.stream().filter(type::isInstance).map(type::cast)
                        .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
            }
        });
    }

    record Planned(Plan plan, Optional<Health> verdict) {
    }

    Planned plan(boolean candidate, List<HostnameOwners.Claim> others) {
        Plan plan = Plan.none();
        SiteRoutes.Routes routes = new SiteRoutes.Routes(SiteRoutes.Routes.alone(site, false).self(), others, false);
        return new Planned(plan, SiteRoutes.plan(site, next, routes, candidate, children(), plan));
    }

    @SuppressWarnings("unchecked")
    static Intent.Ensure<Ingress> ensured(Plan plan, String name) {
        return plan.intents().stream().filter(Intent.Ensure.class::isInstance).map(i -> (Intent.Ensure<Ingress>) i)
                .filter(e -> e.desired().getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    static String backend(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName();
    }

    @Test
    void everyHostNameIsARuleToTheStableServiceWithTheSecretForTls() {
        Plan plan = plan(false, List.of()).plan();
        Ingress ingress = ensured(plan, SiteNames.route("acme")).desired();
        assertEquals(List.of("karl.acme.example", "www.acme.example"), SiteIngress.hosts(ingress));
        assertEquals(SiteNames.stableService("acme"), backend(ingress));
        assertEquals("acme-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals("uid-1", ingress.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(1, plan.intents().size(), "no candidate: no preview route");
        assertEquals(List.of("https://karl.acme.example/", "https://www.acme.example/"), next.getRouting().getUrls());
    }

    @Test
    void anIngressAsWantedIsLeftAlone() {
        Intent.Ensure<Ingress> first = ensured(plan(false, List.of()).plan(), SiteNames.route("acme"));
        Ingress live = first.desired();
        live.getMetadata().getAnnotations().put(ChildWriter.HASH, ContentHash.of(first.content()));
        cached.add(live);
        Intent.Ensure<Ingress> again = ensured(plan(false, List.of()).plan(), SiteNames.route("acme"));
        assertEquals(ChildWriter.seenHash(live).orElseThrow(), ContentHash.of(again.content()));
        assertTrue(ChildWriter.holdsOwnedFields(again.desired(), live, again.owned()));
    }

    @Test
    void anAnnotationTakenOutOfTheSpecGoesFromTheRouteAndOthersAnnotationsStay() {
        site.getSpec().getRouting().setAnnotations(Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "64m"));
        Ingress live = ensured(plan(false, List.of()).plan(), SiteNames.route("acme")).desired();
        assertEquals("nginx.ingress.kubernetes.io/proxy-body-size", live.getMetadata().getAnnotations()
                .get(SiteRoutes.ROUTE_ANNOTATIONS));
        live.getMetadata().getAnnotations().put("someone.else/note", "kept");

        site.getSpec().getRouting().setAnnotations(Map.of());
        Intent.Ensure<Ingress> again = ensured(plan(false, List.of()).plan(), SiteNames.route("acme"));
        again.owned().accept(again.desired(), live);
        assertEquals(Map.of("someone.else/note", "kept"), live.getMetadata().getAnnotations());
    }

    @Test
    void thePreviewHostIsRoutedOnlyWhenThePreviewServiceSelectsTheCandidate() {
        next.setActiveRevision("r1");
        next.setTargetRevision("r2");
        cached.add(SiteService.of(site, SiteNames.previewService("acme"), "preview", Selectors.revision("acme", "r1")));
        assertEquals(1, plan(true, List.of()).plan().intents().size(), "the preview Service still selects the active "
                + "release: no preview route yet");

        cached.clear();
        cached.add(SiteService.of(site, SiteNames.previewService("acme"), "preview", Selectors.revision("acme", "r2")));
        Ingress preview = ensured(plan(true, List.of()).plan(), SiteNames.previewRoute("acme")).desired();
        assertEquals(List.of("preview.acme.example"), SiteIngress.hosts(preview));
        assertEquals(SiteNames.previewService("acme"), backend(preview));
        assertEquals("https://preview.acme.example/", next.getRouting().getPreviewUrl());
    }

    @Test
    void thePreviewRouteGoesWithTheCandidate() {
        cached.add(SiteIngress.of(site, SiteNames.previewRoute("acme"), SiteRoutes.PREVIEW_ROUTE_COMPONENT,
                List.of("preview.acme.example"), SiteNames.previewService("acme")));
        Plan plan = plan(false, List.of()).plan();
        Intent.Delete delete = assertInstanceOf(Intent.Delete.class, plan.intents().get(1));
        assertEquals(SiteNames.previewRoute("acme"), delete.object().getMetadata().getName());
    }

    @Test
    void aHostNameAnotherSiteRoutesIsLeftOutAndTheSiteIsStalled() {
        HostnameOwners.Claim other = new HostnameOwners.Claim("shop", "old", "2027-01-01T00:00:00Z",
                Set.of("www.acme.example"), Set.of("www.acme.example"));
        Planned planned = plan(false, List.of(other));
        assertEquals(List.of("karl.acme.example"), SiteIngress.hosts(ensured(planned.plan(), SiteNames.route("acme")).desired()));
        Health verdict = planned.verdict().orElseThrow();
        assertEquals(Health.State.STALLED, verdict.state());
        assertEquals("HostnameTaken", verdict.reason());
        assertTrue(verdict.message().contains("www.acme.example is routed by KarlSite shop/old"), verdict.message());
    }

    @Test
    void theSiteThatRoutesAHostNameKeepsItThenTheOlderThenNamespaceAndName() {
        Set<String> host = Set.of("karl.acme.example");
        HostnameOwners.Claim young = new HostnameOwners.Claim("b", "young", "2026-02-01T00:00:00Z", host, Set.of());
        HostnameOwners.Claim old = new HostnameOwners.Claim("b", "old", "2026-01-01T00:00:00Z", host, Set.of());
        HostnameOwners.Claim routing = new HostnameOwners.Claim("z", "routing", "2026-03-01T00:00:00Z", host, host);
        HostnameOwners.Claim twin = new HostnameOwners.Claim("a", "twin", "2026-01-01T00:00:00Z", host, Set.of());

        assertEquals(Map.of("karl.acme.example", "b/old"), HostnameOwners.taken(young, List.of(old)));
        assertEquals(Map.of(), HostnameOwners.taken(old, List.of(young)));
        assertEquals(Map.of("karl.acme.example", "z/routing"), HostnameOwners.taken(old, List.of(young, routing)));
        assertEquals(Map.of(), HostnameOwners.taken(routing, List.of(old, young, twin)));
        assertEquals(Map.of("karl.acme.example", "a/twin"), HostnameOwners.taken(old, List.of(twin)));
        assertEquals(Map.of(), HostnameOwners.taken(twin, List.of(old)));
    }
}
