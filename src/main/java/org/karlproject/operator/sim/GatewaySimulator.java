package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays the Gateways of the platform team ({@link SimSettings#gateways}, {@code namespace/name}): for each
 * parentRef of an HTTPRoute, the parent status a Gateway controller writes: Accepted and ResolvedRefs True
 * for a known Gateway, Accepted False ({@code NoMatchingParent}) for an unknown one. Writes only the status
 * subresource, and only on a difference. Routes exist only where the Gateway API is installed
 * ({@link ApiServer#gatewayApi}).
 */
final class GatewaySimulator {

    static final String CONTROLLER = "sim.karlproject.org/gateway";

    private final SimContext sim;

    GatewaySimulator(SimContext sim) {
        this.sim = sim;
    }

    void start() {
        sim.client.resources(HTTPRoute.class).inAnyNamespace().inform(sim.handler("httproute", this::changed, r -> { }));
    }

    private void changed(HTTPRoute route) {
        List<ParentReference> parents = route.getSpec() == null || route.getSpec().getParentRefs() == null ? List.of()
                : route.getSpec().getParentRefs();
        List<RouteParentStatus> wanted = parents.stream().map(p -> status(route, p)).toList();
        List<RouteParentStatus> seen = Optional.ofNullable(route.getStatus()).map(HTTPRouteStatus::getParents)
                .orElse(List.of());
        if (Objects.equals(wanted, seen)) {
            return;
        }
        sim.writeStatus("status of httproute " + SimContext.key(route), () -> sim.client.resources(HTTPRoute.class)
                .inNamespace(route.getMetadata().getNamespace()).withName(route.getMetadata().getName())
                .editStatus(current -> {
                    HTTPRouteStatus status = new HTTPRouteStatus();
                    status.setParents(wanted);
                    current.setStatus(status);
                    return current;
                }));
    }

    private RouteParentStatus status(HTTPRoute route, ParentReference parent) {
        String namespace = Optional.ofNullable(parent.getNamespace()).orElse(route.getMetadata().getNamespace());
        boolean known = sim.settings.gateways.contains(namespace + "/" + parent.getName());
        long generation = Optional.ofNullable(route.getMetadata().getGeneration()).orElse(1L);
        Condition accepted = known ? condition("Accepted", "True", "Accepted", "accepted by " + namespace + "/"
                + parent.getName(), generation) : condition("Accepted", "False", "NoMatchingParent", "no Gateway "
                + namespace + "/" + parent.getName() + " in this cluster", generation);
        Condition refs = condition("ResolvedRefs", "True", "ResolvedRefs", "backend Services resolved", generation);
        return new RouteParentStatusBuilder().withControllerName(CONTROLLER).withParentRef(parent)
                .withConditions(accepted, refs).build();
    }

    private static Condition condition(String type, String status, String reason, String message, long generation) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }
}
