package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.Api;

/**
 * How the site's host names reach its stable Service: an Ingress (the default) or a Gateway API HTTPRoute,
 * with TLS, and an optional preview host name for the candidate of a rollout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.kind) || self.kind != 'HTTPRoute' || (has(self.parentRefs) && size(self.parentRefs) > 0)",
        message = "an HTTPRoute needs routing.parentRefs (the Gateway it attaches to)")
@ValidationRule(value = "(has(self.kind) && self.kind == 'HTTPRoute') || !has(self.parentRefs) || size(self.parentRefs) == 0",
        message = "routing.parentRefs are for kind HTTPRoute; an Ingress takes routing.ingressClassName")
@ValidationRule(value = "!has(self.kind) || self.kind != 'HTTPRoute' || (!has(self.tls) && !has(self.ingressClassName))",
        message = "an HTTPRoute takes neither routing.tls nor routing.ingressClassName: TLS is the certificate of the "
                + "Gateway listener it attaches to")
public class RoutingSpec {

    @Default("Ingress")
    @JsonPropertyDescription("Ingress (networking.k8s.io/v1) or HTTPRoute (gateway.networking.k8s.io/v1, needs the "
            + "Gateway API CRDs in the cluster).")
    private RouteKind kind; // null reads as Ingress: no client-side default, so an edit adding the field is an add

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The Ingress class (e.g. nginx, traefik); omit for the cluster's default class.")
    private String ingressClassName;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Annotations put on the route as they are (ingress-nginx or Traefik settings). Keys of "
            + "the operator's own group and the cert-manager issuer keys are set by the operator (routing.tls).")
    private Map<String, String> annotations = new LinkedHashMap<>();

    @Size(max = 16)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("For an HTTPRoute: the Gateways (owned by the platform team) it attaches to.")
    private List<RouteParentRef> parentRefs = new ArrayList<>();

    @JsonPropertyDescription("TLS for an Ingress: a certificate Secret or a cert-manager issuer (exactly one).")
    private RouteTls tls;

    @Size(min = 1, max = 253)
    @Pattern(Api.HOSTNAME_PATTERN)
    @JsonPropertyDescription("A host name routed to the preview Service (the candidate of a rollout) while there is "
            + "a candidate, and to nothing otherwise; not one of spec.hostnames.")
    private String previewHostname;

    public RouteKind getKind() {
        return kind;
    }

    public void setKind(RouteKind kind) {
        this.kind = kind;
    }

    public String getIngressClassName() {
        return ingressClassName;
    }

    public void setIngressClassName(String ingressClassName) {
        this.ingressClassName = ingressClassName;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations == null ? new LinkedHashMap<>() : annotations;
    }

    public List<RouteParentRef> getParentRefs() {
        return parentRefs;
    }

    public void setParentRefs(List<RouteParentRef> parentRefs) {
        this.parentRefs = parentRefs == null ? new ArrayList<>() : parentRefs;
    }

    public RouteTls getTls() {
        return tls;
    }

    public void setTls(RouteTls tls) {
        this.tls = tls;
    }

    public String getPreviewHostname() {
        return previewHostname;
    }

    public void setPreviewHostname(String previewHostname) {
        this.previewHostname = previewHostname;
    }
}
