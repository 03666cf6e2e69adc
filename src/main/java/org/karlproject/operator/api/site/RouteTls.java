package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import org.karlproject.operator.api.Api;

/**
 * TLS for a site's Ingress: a certificate Secret someone else provides, or a cert-manager issuer that makes
 * one. Exactly one field is set. The operator never reads the Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.secretName) ? 1 : 0) + (has(self.issuer) ? 1 : 0) + (has(self.clusterIssuer) ? 1 : 0) == 1",
        message = "set exactly one of tls.secretName, tls.issuer or tls.clusterIssuer")
public class RouteTls {

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A kubernetes.io/tls Secret in the site's namespace holding the certificate for every "
            + "host name (the Ingress' tls.secretName).")
    private String secretName;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A cert-manager Issuer in the site's namespace (the cert-manager.io/issuer annotation); "
            + "cert-manager writes the certificate to the Secret <site>-tls.")
    private String issuer;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A cert-manager ClusterIssuer (the cert-manager.io/cluster-issuer annotation); "
            + "cert-manager writes the certificate to the Secret <site>-tls.")
    private String clusterIssuer;

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getClusterIssuer() {
        return clusterIssuer;
    }

    public void setClusterIssuer(String clusterIssuer) {
        this.clusterIssuer = clusterIssuer;
    }
}
