package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Where the site answers: its route, the URLs of its host names, and the address the route was given. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoutingStatus {

    @JsonPropertyDescription("The kind and name of the route that serves spec.hostnames (e.g. Ingress/acme-production).")
    private String route;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("The site's URLs, one per host name (https when routing.tls is set).")
    private List<String> urls = new ArrayList<>();

    @JsonPropertyDescription("The preview URL, routed to the candidate; set only while there is one.")
    private String previewUrl;

    @JsonPropertyDescription("The address the ingress controller gave the route (its status.loadBalancer), once it has.")
    private String address;

    public String getRoute() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public List<String> getUrls() {
        return urls;
    }

    public void setUrls(List<String> urls) {
        this.urls = urls == null ? new ArrayList<>() : urls;
    }

    public String getPreviewUrl() {
        return previewUrl;
    }

    public void setPreviewUrl(String previewUrl) {
        this.previewUrl = previewUrl;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }
}
