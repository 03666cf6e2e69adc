package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RouteTls;
import org.karlproject.operator.api.site.RoutingSpec;

/**
 * A site's Ingress ({@code networking.k8s.io/v1}): one rule per host name, path {@code /} Prefix, to one of
 * the site's Services (the stable one, or the preview one for the preview host). The route never changes
 * at a traffic switch: the switch is the stable Service's selector. TLS from {@code spec.routing.tls}: the
 * Secret named there, or the cert-manager issuer annotation and the Secret {@code <route>-tls} cert-manager
 * fills in (the operator never reads Secrets).
 */
public final class SiteIngress {

    static final String ISSUER = "cert-manager.io/issuer";
    static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";

    private SiteIngress() {
    }

    public static Ingress of(KarlSite site, String name, String component, List<String> hosts, String service) {
        RoutingSpec routing = Optional.ofNullable(site.getSpec().getRouting()).orElseGet(RoutingSpec::new);
        Map<String, String> annotations = new LinkedHashMap<>(routing.getAnnotations());
        RouteTls tls = routing.getTls();
        if (tls != null && tls.getIssuer() != null) {
            annotations.put(ISSUER, tls.getIssuer());
        }
        if (tls != null && tls.getClusterIssuer() != null) {
            annotations.put(CLUSTER_ISSUER, tls.getClusterIssuer());
        }
        IngressBuilder ingress = new IngressBuilder().withMetadata(SiteMeta.of(site, name, SiteMeta.labels(site, component)))
                .editMetadata().withAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName(routing.getIngressClassName())
                .withRules(hosts.stream().map(host -> rule(host, service)).toList()).endSpec();
        if (tls != null) {
            String secret = tls.getSecretName() != null ? tls.getSecretName() : name + "-tls";
            ingress.editSpec().withTls(new IngressTLSBuilder().withHosts(hosts).withSecretName(secret).build()).endSpec();
        }
        return ingress.build();
    }

    private static IngressRule rule(String host, String service) {
        HTTPIngressPath path = new HTTPIngressPathBuilder().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(service).withNewPort().withName("http").endPort()
                .endService().endBackend().build();
        return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(path).endHttp().build();
    }

    /** The host names an Ingress routes. */
    static List<String> hosts(Ingress ingress) {
        return ingress.getSpec() == null || ingress.getSpec().getRules() == null ? List.of()
                : ingress.getSpec().getRules().stream().map(IngressRule::getHost).filter(h -> h != null).toList();
    }

    /** The address the ingress controller gave the Ingress (status.loadBalancer), if it has. */
    static Optional<String> address(Ingress ingress) {
        if (ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                || ingress.getStatus().getLoadBalancer().getIngress() == null) {
            return Optional.empty();
        }
        return ingress.getStatus().getLoadBalancer().getIngress().stream().findFirst()
                .map(lb -> Optional.ofNullable(lb.getHostname()).orElse(lb.getIp()))
                .filter(a -> a != null && !a.isEmpty());
    }

    /** For tests and the simulated controller: a load-balancer entry. */
    static IngressLoadBalancerIngress loadBalancer(String ip) {
        IngressLoadBalancerIngress lb = new IngressLoadBalancerIngress();
        lb.setIp(ip);
        return lb;
    }
}
