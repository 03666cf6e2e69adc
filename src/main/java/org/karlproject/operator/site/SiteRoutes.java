package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RouteKind;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.api.site.RoutingStatus;
import org.karlproject.operator.k8s.Caches;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;
import org.karlproject.operator.status.Health;

/**
 * The front door: the routes that bring a site's host names to it. The host names go to the stable Service
 * (so a traffic switch, and Maintenance mode, stay the one write of that Service's selector: no route
 * changes), the preview host name to the preview Service, and only while there is a candidate that the
 * preview Service already selects (it never reaches the active release). A host name another site has
 * ({@link HostnameOwners}) is left out of the route and the site is Stalled with reason
 * {@value #HOSTNAME_TAKEN}. Observed from the caches ({@link #observe}), planned purely ({@link #plan}).
 */
final class SiteRoutes {

    static final String HOSTNAME_TAKEN = "HostnameTaken";
    static final String ROUTE_COMPONENT = "route";
    static final String PREVIEW_ROUTE_COMPONENT = "preview-route";
    /** The annotation keys the operator set on a route (so that one removed from the spec goes from the route). */
    static final String ROUTE_ANNOTATIONS = org.karlproject.operator.api.Api.GROUP + "/route-annotations";

    /**
     * What the routes are planned from.
     *
     * @param self this site's claim on host names
     * @param others the claims of the other sites (any namespace) that ask for one of this site's host names
     * @param gatewayApi whether the cluster served the Gateway API (HTTPRoute) when the operator started
     */
    record Routes(HostnameOwners.Claim self, List<HostnameOwners.Claim> others, boolean gatewayApi) {

        /** A site alone in the cluster. */
        static Routes alone(KarlSite site, boolean gatewayApi) {
            return new Routes(claim(site, Set.of()), List.of(), gatewayApi);
        }
    }

    private SiteRoutes() {
    }

    /** The site's Ingresses; one that changes wakes its site and every site claiming one of its host names. */
    static EventSource<Ingress, KarlSite> eventSource(EventSourceContext<KarlSite> context) {
        var config = InformerEventSourceConfiguration.from(Ingress.class, KarlSite.class)
                .withName(Ingress.class.getSimpleName())
                .withLabelSelector(Labels.SITE + "," + Labels.MANAGED_BY + "=" + Labels.OPERATOR)
                .withSecondaryToPrimaryMapper(ingress -> {
                    Set<ResourceID> sites = new HashSet<>();
                    Optional.ofNullable(ingress.getMetadata().getLabels()).map(l -> l.get(Labels.SITE))
                            .ifPresent(s -> sites.add(new ResourceID(s, ingress.getMetadata().getNamespace())));
                    List<String> hosts = SiteIngress.hosts(ingress);
                    SiteCaches.claimants(context.getPrimaryCache(), hosts).map(ResourceID::fromResource)
                            .forEach(sites::add);
                    return sites;
                });
        return Caches.informer(config, context);
    }

    /**
     * The sites' HTTPRoutes, when the cluster serves the Gateway API (discovery, once at start: an operator
     * started before the CRDs were installed needs a restart to route through a Gateway); otherwise none,
     * and the operator starts and serves everything else.
     */
    static Optional<EventSource<HTTPRoute, KarlSite>> gatewayEventSource(EventSourceContext<KarlSite> context) {
        if (!gatewayApiServed(context)) {
            return Optional.empty();
        }
        var config = InformerEventSourceConfiguration.from(HTTPRoute.class, KarlSite.class)
                .withName(HTTPRoute.class.getSimpleName())
                .withLabelSelector(Labels.SITE + "," + Labels.MANAGED_BY + "=" + Labels.OPERATOR)
                .withSecondaryToPrimaryMapper(route -> Optional.ofNullable(route.getMetadata().getLabels())
                        .map(l -> l.get(Labels.SITE)).map(s -> Set.of(new ResourceID(s, route.getMetadata().getNamespace())))
                        .orElse(Set.of()));
        return Optional.of(Caches.informer(config, context));
    }

    private static boolean gatewayApiServed(EventSourceContext<KarlSite> context) {
        try {
            return context.getClient().supports(HTTPRoute.class);
        } catch (RuntimeException e) {
            return false; // discovery failed: as if absent (a site asking for an HTTPRoute is Stalled and says so)
        }
    }

    /** This site's claim and every other site's, with the host names their routes serve now. */
    static Routes observe(KarlSite site, Stream<KarlSite> sites, Stream<? extends HasMetadata> routes,
            boolean gatewayApi) {
        Map<String, Set<String>> routed = new HashMap<>();
        routes.forEach(route -> Optional.ofNullable(route.getMetadata().getLabels())
                .map(l -> l.get(Labels.SITE)).ifPresent(owner -> routed.computeIfAbsent(
                        route.getMetadata().getNamespace() + "/" + owner, k -> new HashSet<>())
                        .addAll(hostsOf(route))));
        List<HostnameOwners.Claim> others = sites.filter(s -> s.getSpec() != null)
                .filter(s -> !id(s).equals(id(site)))
                .map(s -> claim(s, routed.getOrDefault(id(s), Set.of()))).toList();
        return new Routes(claim(site, routed.getOrDefault(id(site), Set.of())), others, gatewayApi);
    }

    private static List<String> hostsOf(HasMetadata route) {
        return route instanceof HTTPRoute r ? SiteHttpRoute.hosts(r) : route instanceof Ingress i ? SiteIngress.hosts(i)
                : List.of();
    }

    private static HostnameOwners.Claim claim(KarlSite site, Set<String> routed) {
        return new HostnameOwners.Claim(site.getMetadata().getNamespace(), site.getMetadata().getName(),
                site.getMetadata().getCreationTimestamp(), new HashSet<>(hosts(site)), routed);
    }

    private static String id(KarlSite site) {
        return site.getMetadata().getNamespace() + "/" + site.getMetadata().getName();
    }

    /** Every host name a site asks for: its own and the preview one. */
    static List<String> hosts(KarlSite site) {
        List<String> hosts = new ArrayList<>(Optional.ofNullable(site.getSpec().getHostnames()).orElse(List.of()));
        previewHostname(site).ifPresent(hosts::add);
        return hosts;
    }

    private static Optional<String> previewHostname(KarlSite site) {
        return Optional.ofNullable(site.getSpec().getRouting()).map(RoutingSpec::getPreviewHostname);
    }

    /**
     * Plans the routes into {@code plan} and records where the site answers in {@code next}; returns the
     * routing's own verdict when it has one (a host name taken).
     *
     * @param candidate whether a candidate runs (the preview host is routed only then)
     */
    static Optional<Health> plan(KarlSite site, KarlSiteStatus next, Routes routes, boolean candidate,
            SiteChildren children, Plan plan) {
        String name = site.getMetadata().getName();
        Map<String, String> taken = HostnameOwners.taken(routes.self(), routes.others());
        List<String> hostnames = Optional.ofNullable(site.getSpec().getHostnames()).orElse(List.of()).stream()
                .filter(h -> !taken.containsKey(h)).toList();
        Optional<String> preview = previewHostname(site).filter(h -> !taken.containsKey(h))
                .filter(h -> candidate && selectsCandidate(children, name, next.getTargetRevision()));
        RouteKind kind = kind(site);
        boolean gateway = kind == RouteKind.HTTPRoute;
        if (gateway && !routes.gatewayApi()) {
            hostnames = List.of(); // nothing to route through: any Ingress of an earlier kind goes too
            preview = Optional.empty();
        }
        Route stable = new Route(SiteNames.route(name), ROUTE_COMPONENT, SiteNames.stableService(name));
        Route previewRoute = new Route(SiteNames.previewRoute(name), PREVIEW_ROUTE_COMPONENT, SiteNames.previewService(name));
        for (Route route : List.of(stable, previewRoute)) {
            List<String> hosts = route == stable ? hostnames : preview.stream().toList();
            ingress(site, route, gateway ? List.of() : hosts, children, plan);
            if (routes.gatewayApi()) {
                httpRoute(site, route, gateway ? hosts : List.of(), children, plan);
            }
        }
        Optional<HTTPRoute> served = gateway && routes.gatewayApi()
                ? children.named().get(HTTPRoute.class, stable.name()) : Optional.empty();
        next.setRouting(status(site, kind, hostnames, preview, children.named().get(Ingress.class, stable.name())
                .filter(i -> !gateway)));
        if (!taken.isEmpty()) {
            return Optional.of(Health.stalled(HOSTNAME_TAKEN, taken.entrySet().stream()
                    .map(e -> "host name " + e.getKey() + " is routed by KarlSite " + e.getValue())
                    .collect(Collectors.joining("; ")) + ": the site that had it first keeps it; remove it from this "
                    + "site's spec (or from the other site) and this site routes it"));
        }
        if (gateway && !routes.gatewayApi() && !hosts(site).isEmpty()) {
            return Optional.of(Health.stalled("GatewayApiMissing", "spec.routing.kind is HTTPRoute, but the cluster "
                    + "does not serve gateway.networking.k8s.io/v1 HTTPRoute (the Gateway API CRDs are not installed, "
                    + "or were installed after the operator started): install them and restart the operator, or "
                    + "route through an Ingress (spec.routing.kind: Ingress)"));
        }
        return served.flatMap(SiteHttpRoute::verdict);
    }

    /** A route the site may have: its name, its component label, the Service it leads to. */
    private record Route(String name, String component, String service) {
    }

    private static RouteKind kind(KarlSite site) {
        return Optional.ofNullable(site.getSpec().getRouting()).map(RoutingSpec::getKind).orElse(RouteKind.Ingress);
    }

    /**
     * Whether the preview Service, as cached, selects exactly the candidate: the preview route is made only
     * then, so that it never reaches the release the preview Service selected before (the active one).
     */
    private static boolean selectsCandidate(SiteChildren children, String name, String target) {
        return target != null && children.service(SiteNames.previewService(name))
                .map(s -> Objects.equals(s.getSpec().getSelector(), Selectors.revision(name, target))).orElse(false);
    }

    /** The Ingress, ensured for these host names, or deleted when there are none. */
    private static void ingress(KarlSite site, Route route, List<String> hosts, SiteChildren children, Plan plan) {
        keep(site, children.named().get(Ingress.class, route.name()), hosts.isEmpty() ? null
                : SiteIngress.of(site, route.name(), route.component(), hosts, route.service()), Ingress::getSpec,
                (d, live) -> live.setSpec(d.getSpec()), plan);
    }

    /** The HTTPRoute, ensured for these host names, or deleted when there are none. */
    private static void httpRoute(KarlSite site, Route route, List<String> hosts, SiteChildren children, Plan plan) {
        keep(site, children.named().get(HTTPRoute.class, route.name()), hosts.isEmpty() ? null
                : SiteHttpRoute.of(site, route.name(), route.component(), hosts, route.service()), HTTPRoute::getSpec,
                (d, live) -> live.setSpec(d.getSpec()), plan);
    }

    /**
     * A route ensured as {@code desired} (its spec and annotations are the operator's, under the content
     * hash), or, for a null {@code desired}, the existing one deleted if this site controls it.
     */
    private static <T extends HasMetadata> void keep(KarlSite site, Optional<T> existing, T desired,
            Function<T, Object> spec, BiConsumer<T, T> setSpec, Plan plan) {
        if (desired == null) {
            existing.filter(r -> SiteMeta.controls(site, r)).ifPresent(plan::delete);
            return;
        }
        Map<String, String> annotations = new HashMap<>(desired.getMetadata().getAnnotations());
        if (!annotations.isEmpty()) {
            annotations.put(ROUTE_ANNOTATIONS, String.join(",", new TreeSet<>(annotations.keySet())));
        }
        desired.getMetadata().setAnnotations(annotations);
        plan.ensure(desired, existing, Map.of("spec", spec.apply(desired), "annotations", annotations), (d, live) -> {
                    setSpec.accept(d, live);
                    own(d, live);
                });
    }

    /**
     * The route's annotations the operator owns: those of spec.routing (and the issuer's), set; those it set
     * before ({@value #ROUTE_ANNOTATIONS} lists them) and no longer wants, removed; others' kept.
     */
    private static void own(HasMetadata desired, HasMetadata live) {
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(live.getMetadata().getAnnotations())
                .orElse(Map.of()));
        Map<String, String> wanted = desired.getMetadata().getAnnotations();
        List.of(annotations.getOrDefault(ROUTE_ANNOTATIONS, "").split(",")).stream()
                .filter(key -> !key.isEmpty() && !wanted.containsKey(key)).forEach(annotations::remove);
        if (!wanted.containsKey(ROUTE_ANNOTATIONS)) {
            annotations.remove(ROUTE_ANNOTATIONS);
        }
        annotations.putAll(wanted);
        live.getMetadata().setAnnotations(annotations);
    }

    private static RoutingStatus status(KarlSite site, RouteKind kind, List<String> hostnames, Optional<String> preview,
            Optional<Ingress> route) {
        if (hostnames.isEmpty() && preview.isEmpty()) {
            return null;
        }
        String scheme = Optional.ofNullable(site.getSpec().getRouting()).map(RoutingSpec::getTls).isPresent()
                ? "https://" : "http://";
        RoutingStatus status = new RoutingStatus();
        if (!hostnames.isEmpty()) {
            status.setRoute(kind + "/" + SiteNames.route(site.getMetadata().getName()));
        }
        status.setUrls(hostnames.stream().map(h -> scheme + h + "/").collect(Collectors.toCollection(ArrayList::new)));
        status.setPreviewUrl(preview.map(h -> scheme + h + "/").orElse(null));
        status.setAddress(route.flatMap(SiteIngress::address).orElse(null));
        return status;
    }
}
