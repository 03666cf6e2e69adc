package org.karlproject.operator.api.site;

/** The kind of route that brings a site's host names to its stable Service. */
public enum RouteKind {
    /** A {@code networking.k8s.io/v1} Ingress, served by the cluster's ingress controller. */
    Ingress,
    /** A Gateway API {@code gateway.networking.k8s.io/v1} HTTPRoute, attached to a Gateway the platform owns. */
    HTTPRoute
}
