package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RouteParentRef;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.status.Health;

/**
 * A site's Gateway API route ({@code gateway.networking.k8s.io/v1} HTTPRoute): its host names, path
 * {@code /} PathPrefix, to one of the site's Services, attached to the Gateways of
 * {@code spec.routing.parentRefs} (TLS is their listeners' certificates). Like the Ingress, it never
 * changes at a switch.
 */
public final class SiteHttpRoute {

    private SiteHttpRoute() {
    }

    public static HTTPRoute of(KarlSite site, String name, String component, List<String> hosts, String service) {
        RoutingSpec routing = site.getSpec().getRouting();
        List<ParentReference> parents = routing.getParentRefs().stream().map(SiteHttpRoute::parent).toList();
        return new HTTPRouteBuilder().withMetadata(SiteMeta.of(site, name, SiteMeta.labels(site, component)))
                .editMetadata().withAnnotations(routing.getAnnotations()).endMetadata()
                .withNewSpec().withHostnames(hosts).withParentRefs(parents)
                .addNewRule().withMatches(new HTTPRouteMatchBuilder().withNewPath().withType("PathPrefix")
                        .withValue("/").endPath().build())
                .withBackendRefs(new HTTPBackendRefBuilder().withName(service).withPort(80).build()).endRule()
                .endSpec().build();
    }

    private static ParentReference parent(RouteParentRef ref) {
        return new ParentReferenceBuilder().withGroup("gateway.networking.k8s.io").withKind("Gateway")
                .withName(ref.getName()).withNamespace(ref.getNamespace()).withSectionName(ref.getSectionName()).build();
    }

    /** The host names an HTTPRoute routes. */
    static List<String> hosts(HTTPRoute route) {
        return route.getSpec() == null || route.getSpec().getHostnames() == null ? List.of()
                : route.getSpec().getHostnames();
    }

    /**
     * What the route's parents say of it: a verdict when one of them did not accept it or cannot resolve its
     * backend (Accepted or ResolvedRefs False), with the Gateway's own reason and message.
     */
    static Optional<Health> verdict(HTTPRoute route) {
        if (route.getStatus() == null || route.getStatus().getParents() == null) {
            return Optional.empty();
        }
        for (RouteParentStatus parent : route.getStatus().getParents()) {
            for (Condition c : Optional.ofNullable(parent.getConditions()).orElse(List.of())) {
                if ("False".equals(c.getStatus()) && ("Accepted".equals(c.getType()) || "ResolvedRefs".equals(c.getType()))) {
                    String gateway = parent.getParentRef() == null ? "its Gateway" : "Gateway "
                            + Optional.ofNullable(parent.getParentRef().getNamespace()).map(ns -> ns + "/").orElse("")
                            + parent.getParentRef().getName();
                    return Optional.of(Health.stalled("Accepted".equals(c.getType()) ? "RouteNotAccepted"
                            : "RouteRefsNotResolved", "HTTPRoute " + route.getMetadata().getName() + ": " + gateway
                            + " says " + c.getType() + "=False (" + c.getReason() + "): " + c.getMessage()));
                }
            }
        }
        return Optional.empty();
    }
}
