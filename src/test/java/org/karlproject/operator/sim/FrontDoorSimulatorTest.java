package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.karlproject.operator.sim.Fixtures.NS;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated ingress controller and Gateway: who admits which route, with their knobs. */
class FrontDoorSimulatorTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    Ingress ingress(String name, String cls) {
        return h.client().resource(new IngressBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withIngressClassName(cls).addNewRule().withHost(name + ".example").endRule().endSpec()
                .build()).create();
    }

    static boolean admitted(Ingress i) {
        return i.getStatus() != null && i.getStatus().getLoadBalancer() != null
                && i.getStatus().getLoadBalancer().getIngress() != null && !i.getStatus().getLoadBalancer().getIngress().isEmpty();
    }

    @Test
    void knownClassesAreAdmittedWithTheControllersAddressAndOthersAreLeftAlone() {
        h.cluster().ingressClasses("traefik").ingressAddress("10.0.0.7").defaultIngressClass(false);
        Ingress unknown = ingress("unknown", "nginx");
        Ingress classless = ingress("classless", null);
        Ingress known = h.await(ingress("known", "traefik"), "to be admitted", FrontDoorSimulatorTest::admitted);
        assertEquals("10.0.0.7", known.getStatus().getLoadBalancer().getIngress().get(0).getIp());
        // the controller handles changes in order, on one thread: the two before were seen and left alone
        assertFalse(admitted(h.get(unknown)), "no controller serves class nginx here");
        assertFalse(admitted(h.get(classless)), "no default class");

        h.cluster().defaultIngressClass(true);
        h.edit(classless, i -> i.getMetadata().setLabels(java.util.Map.of("touched", "yes")));
        h.await(classless, "to be admitted by the default class", FrontDoorSimulatorTest::admitted);
    }

    @Test
    void aGatewayAcceptsRoutesAttachedToItAndRefusesAnUnknownParent() {
        HTTPRoute route = h.client().resource(new HTTPRouteBuilder().withNewMetadata().withName("acme").withNamespace(NS)
                .endMetadata().withNewSpec().addNewParentRef().withName("public").withNamespace("gateways").endParentRef()
                .addNewParentRef().withName("nowhere").endParentRef().endSpec().build()).create();
        HTTPRoute seen = h.await(route, "to get its parents' status", r -> r.getStatus() != null
                && r.getStatus().getParents() != null && r.getStatus().getParents().size() == 2);
        assertEquals("True", seen.getStatus().getParents().get(0).getConditions().get(0).getStatus());
        assertEquals("False", seen.getStatus().getParents().get(1).getConditions().get(0).getStatus());
        assertEquals("NoMatchingParent", seen.getStatus().getParents().get(1).getConditions().get(0).getReason());
    }
}
