package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.RouteTls;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * The front door on the simulated cluster (its ingress controller admits Ingresses of known classes): a
 * site's host names reach its stable Service through an Ingress that a switch and a maintenance window never
 * change, the preview host reaches only the candidate and only while there is one, and a host name has one
 * owner.
 */
class RoutingScenariosTest extends SiteScenario {

    static final String HOST = "karl.acme.example";
    static final String PREVIEW = "preview.karl.acme.example";

    KarlSite routed(String name, String... hosts) {
        KarlSite site = SiteFixtures.site(name, R330, DB);
        site.getSpec().setHostnames(List.of(hosts));
        RoutingSpec routing = new RoutingSpec();
        routing.setIngressClassName("nginx");
        routing.setAnnotations(Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "64m"));
        RouteTls tls = new RouteTls();
        tls.setClusterIssuer("letsencrypt");
        routing.setTls(tls);
        routing.setPreviewHostname(PREVIEW);
        site.getSpec().setRouting(routing);
        return site;
    }

    Ingress ingress(String name) {
        return h.client().network().v1().ingresses().inNamespace(NS).withName(name).get();
    }

    static String backend(Ingress ingress, String host) {
        IngressRule rule = ingress.getSpec().getRules().stream().filter(r -> host.equals(r.getHost())).findFirst()
                .orElseThrow();
        return rule.getHttp().getPaths().get(0).getBackend().getService().getName();
    }

    @Test
    void hostnamesReachTheStableServiceThroughAnIngressThatASwitchAndMaintenanceNeverChange() {
        h.step("a site with a host name, TLS by a cert-manager ClusterIssuer, on the nginx class");
        h.apply(routed("acme", HOST));
        awaitActive("acme", R330);
        Ingress ingress = h.await(ingress(SiteNames.route("acme")), "to be admitted by the ingress controller",
                i -> i.getStatus() != null && i.getStatus().getLoadBalancer() != null
                        && i.getStatus().getLoadBalancer().getIngress() != null
                        && !i.getStatus().getLoadBalancer().getIngress().isEmpty());
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(SiteNames.stableService("acme"), backend(ingress, HOST));
        assertEquals("/", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());
        assertEquals("Prefix", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPathType());
        assertEquals(List.of(HOST), ingress.getSpec().getTls().get(0).getHosts());
        assertEquals(SiteNames.route("acme") + "-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals("letsencrypt", ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        assertEquals("64m", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertTrue(ingress.getMetadata().getAnnotations().containsKey(ChildWriter.HASH));
        assertEquals("acme", ingress.getMetadata().getOwnerReferences().get(0).getName());
        KarlSite site = awaitSite("acme", "to report its URL and address", s -> s.getStatus().getRouting() != null
                && s.getStatus().getRouting().getAddress() != null);
        assertEquals(List.of("https://" + HOST + "/"), site.getStatus().getRouting().getUrls());
        assertEquals("127.0.0.1", site.getStatus().getRouting().getAddress());
        assertNull(site.getStatus().getRouting().getPreviewUrl(), "no candidate, no preview URL");
        // the first install's candidate had one; it goes with the candidate, just after the status says so
        h.awaitThat("no candidate, no preview route", () -> ingress(SiteNames.previewRoute("acme")) == null);
        String version = ingress.getMetadata().getResourceVersion();

        h.step("a rollout to 3.31 and its switch: the route stays as it is, the stable Service's selector moves");
        editSpec("acme", s -> s.setRelease(R331));
        awaitActive("acme", R331);
        assertEquals(version, ingress(SiteNames.route("acme")).getMetadata().getResourceVersion());
        assertEquals(site("acme").getStatus().getActiveRevision(), servedRevision("acme"));

        h.step("Maintenance: the host name still answers, with the maintenance page (the Service's selector)");
        editSpec("acme", s -> s.setMode(SiteMode.Maintenance));
        h.awaitThat("the stable Service to select the maintenance page",
                () -> Selectors.maintenance("acme").equals(stableSelector("acme")));
        assertEquals(version, ingress(SiteNames.route("acme")).getMetadata().getResourceVersion());
        assertEquals(SiteNames.stableService("acme"), backend(ingress(SiteNames.route("acme")), HOST));
        assertTrue(h.client().apps().deployments().inNamespace(NS).withName(SiteNames.maintenance("acme")).get() != null);
        h.assertInvariantsHeld();
    }

    @Test
    void aRoutedSiteWritesNothingOnAReconcileWithNothingToDoNorAfterARestart() {
        h.apply(routed("acme", HOST));
        awaitActive("acme", R330);
        awaitSite("acme", "to report its route's address", s -> s.getStatus().getRouting() != null
                && s.getStatus().getRouting().getAddress() != null);
        reconcileMore("acme", 1);

        h.step("further reconciles, and a restarted operator, write nothing (the route's hash is stable)");
        long mark = h.requests().mark();
        reconcileMore("acme", 2);
        h.operator().restart();
        reconcileMore("acme", 2);
        Requests since = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        assertEquals(0, since.writes().count(), since::toString);
    }

    @Test
    void thePreviewHostReachesOnlyTheCandidateAndOnlyWhileThereIsOne() {
        h.apply(routed("acme", HOST));
        awaitActive("acme", R330);
        String active = site("acme").getStatus().getActiveRevision();

        h.step("a rollout to 3.31 whose smoke check takes 3 s: the candidate runs, the preview host is routed to it");
        h.cluster().jobsRunFor(Duration.ofSeconds(3));
        editSpec("acme", s -> s.setRelease(R331));
        awaitPhase("acme", RolloutPhase.SmokeChecking);
        Ingress preview = h.await(ingress(SiteNames.previewRoute("acme")), "to route the preview host", i -> true);
        assertEquals(SiteNames.previewService("acme"), backend(preview, PREVIEW));
        assertEquals(List.of(PREVIEW), preview.getSpec().getRules().stream().map(IngressRule::getHost).toList());
        String candidate = site("acme").getStatus().getTargetRevision();
        assertTrue(!candidate.equals(active));
        assertEquals(Selectors.revision("acme", candidate), h.client().services().inNamespace(NS)
                .withName(SiteNames.previewService("acme")).get().getSpec().getSelector(),
                "the preview Service selects the candidate, never the active release");
        assertEquals("https://" + PREVIEW + "/", awaitSite("acme", "to report the preview URL",
                s -> s.getStatus().getRouting().getPreviewUrl() != null).getStatus().getRouting().getPreviewUrl());

        h.step("the smoke check passes, the switch happens: the candidate is gone, and so is the preview route");
        awaitActive("acme", R331);
        h.awaitThat("the preview route to be deleted", () -> ingress(SiteNames.previewRoute("acme")) == null);
        assertNull(site("acme").getStatus().getRouting().getPreviewUrl());
    }

    @Test
    void withoutTheGatewayApiASiteAskingForAnHttpRouteIsStalledAndTheOthersAreServed() {
        h.step("the cluster has no Gateway API CRDs; one site asks for an HTTPRoute, one for an Ingress");
        KarlSite gateway = routed("gw", "gw.acme.example");
        gateway.getSpec().getRouting().setKind(org.karlproject.operator.api.site.RouteKind.HTTPRoute);
        gateway.getSpec().getRouting().setTls(null);
        gateway.getSpec().getRouting().setIngressClassName(null);
        gateway.getSpec().getRouting().setPreviewHostname(null);
        org.karlproject.operator.api.site.RouteParentRef parent = new org.karlproject.operator.api.site.RouteParentRef();
        parent.setName("public");
        gateway.getSpec().getRouting().setParentRefs(List.of(parent));
        h.apply(gateway);
        h.apply(routed("acme", HOST));
        KarlSite stalled = awaitSite("gw", "to be Stalled: no Gateway API", s -> "GatewayApiMissing".equals(
                reason(s, "Stalled")) && "True".equals(SimHarness.condition(s, "Stalled").map(c -> c.get("status"))
                        .orElse(null)));
        assertTrue(message(stalled, "Stalled").contains("gateway.networking.k8s.io/v1"), message(stalled, "Stalled"));
        assertNull(ingress(SiteNames.route("gw")), "no Ingress in place of the HTTPRoute asked for");
        awaitActive("acme", R330);
        h.await(ingress(SiteNames.route("acme")), "to route the other site", i -> true);
    }

    @Test
    void aHostNameAlreadyRoutedStaysWithItsSiteAndTheSecondIsStalled() {
        h.step("acme routes karl.acme.example");
        h.apply(routed("acme", HOST));
        awaitActive("acme", R330);
        h.await(ingress(SiteNames.route("acme")), "to exist", i -> true);

        h.step("a second site, in another namespace, claims the same host name and one of its own");
        KarlSite intruder = routed("other", HOST, "other.acme.example");
        intruder.getMetadata().setNamespace("elsewhere");
        intruder.getSpec().getRouting().setPreviewHostname(null);
        intruder.getSpec().setDatabase(DB);
        h.apply(intruder);
        KarlSite stalled = h.await(intruder, "to be Stalled with HostnameTaken", s -> s.getStatus() != null
                && "HostnameTaken".equals(reason(s, "Stalled")));
        assertEquals("True", SimHarness.condition(stalled, "Stalled").map(c -> c.get("status")).orElse(null));
        assertTrue(message(stalled, "Stalled").contains("KarlSite " + NS + "/acme"), message(stalled, "Stalled"));
        assertEquals(List.of(HOST), ingress(SiteNames.route("acme")).getSpec().getRules().stream()
                .map(IngressRule::getHost).toList(), "the first keeps it");
        reconcileMore("acme", 1);
        assertEquals("False", SimHarness.condition(site("acme"), "Stalled").map(c -> c.get("status")).orElse(null));
    }
}
