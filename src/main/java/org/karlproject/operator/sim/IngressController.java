package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays an ingress controller: an Ingress of a class it serves ({@link SimSettings#ingressClasses}; one
 * without a class goes to the cluster's default class, served unless the knob says there is none) is
 * admitted, its {@code status.loadBalancer} set to the controller's address; an Ingress of an unknown class
 * is left without status, as no controller picks it up. Writes only the status subresource, and only on a
 * difference.
 */
final class IngressController {

    private final SimContext sim;

    IngressController(SimContext sim) {
        this.sim = sim;
    }

    void start() {
        sim.client.network().v1().ingresses().inAnyNamespace().inform(sim.handler("ingress", this::changed, i -> { }));
    }

    private void changed(Ingress ingress) {
        String cls = Optional.ofNullable(ingress.getSpec()).map(s -> s.getIngressClassName()).orElse(null);
        boolean served = cls == null ? sim.settings.defaultIngressClass : sim.settings.ingressClasses.contains(cls);
        List<IngressLoadBalancerIngress> wanted = served ? List.of(address(sim.settings.ingressAddress)) : List.of();
        List<IngressLoadBalancerIngress> seen = Optional.ofNullable(ingress.getStatus()).map(IngressStatus::getLoadBalancer)
                .map(IngressLoadBalancerStatus::getIngress).orElse(List.of());
        if (Objects.equals(wanted, seen)) {
            return;
        }
        sim.writeStatus("status of ingress " + SimContext.key(ingress), () -> sim.client.network().v1().ingresses()
                .inNamespace(ingress.getMetadata().getNamespace()).withName(ingress.getMetadata().getName())
                .editStatus(current -> {
                    current.setStatus(new IngressStatus(new IngressLoadBalancerStatus(wanted)));
                    return current;
                }));
    }

    private static IngressLoadBalancerIngress address(String ip) {
        IngressLoadBalancerIngress lb = new IngressLoadBalancerIngress();
        lb.setIp(ip);
        return lb;
    }
}
