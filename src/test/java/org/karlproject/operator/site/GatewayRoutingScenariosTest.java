package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.site.SiteFixtures.NS;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RouteKind;
import org.karlproject.operator.api.site.RouteParentRef;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.site.rollout.SiteNames;

/** Sites routed through a Gateway (HTTPRoute) on a simulated cluster that serves the Gateway API. */
class GatewayRoutingScenariosTest extends SiteScenario {

    @Override
    boolean gatewayApi() {
        return true;
    }

    static KarlSite viaGateway(String name, String host, String gateway) {
        KarlSite site = SiteFixtures.site(name, R330, DB);
        site.getSpec().setHostnames(List.of(host));
        RoutingSpec routing = new RoutingSpec();
        routing.setKind(RouteKind.HTTPRoute);
        RouteParentRef parent = new RouteParentRef();
        parent.setName(gateway);
        parent.setNamespace("gateways");
        routing.setParentRefs(List.of(parent));
        site.getSpec().setRouting(routing);
        return site;
    }

    HTTPRoute route(String name) {
        return h.client().resources(HTTPRoute.class).inNamespace(NS).withName(name).get();
    }

    @Test
    void anHttpRouteToTheStableServiceAcceptedByItsGatewayAndAnUnknownGatewayStallsTheSite() {
        h.step("staging routed through the platform's Gateway gateways/public");
        h.apply(viaGateway("acme", "staging.karl.acme.example", "public"));
        awaitActive("acme", R330);
        HTTPRoute route = h.await(route(SiteNames.route("acme")), "to be accepted by its Gateway", r ->
                r.getStatus() != null && r.getStatus().getParents() != null && !r.getStatus().getParents().isEmpty());
        assertEquals(List.of("staging.karl.acme.example"), route.getSpec().getHostnames());
        assertEquals("public", route.getSpec().getParentRefs().get(0).getName());
        assertEquals(SiteNames.stableService("acme"), route.getSpec().getRules().get(0).getBackendRefs().get(0).getName());
        assertEquals("/", route.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue());
        assertEquals("HTTPRoute/" + SiteNames.route("acme"), site("acme").getStatus().getRouting().getRoute());
        assertNull(h.client().network().v1().ingresses().inNamespace(NS).withName(SiteNames.route("acme")).get());

        h.step("a second site attached to a Gateway that does not exist: Stalled, in the Gateway's own words");
        h.apply(viaGateway("other", "other.karl.acme.example", "missing"));
        KarlSite stalled = awaitSite("other", "to be Stalled by its route's status",
                s -> "RouteNotAccepted".equals(reason(s, "Stalled")));
        assertTrue(message(stalled, "Stalled").contains("NoMatchingParent"), message(stalled, "Stalled"));
    }
}
