package org.karlproject.operator.site;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One owner per host name, among every site the operator watches (all namespaces): of two sites claiming
 * the same host name, the one whose route already serves it keeps it; when both or neither do, the older
 * site (creationTimestamp), then the smaller namespace/name. Deterministic, so both sites reach the same
 * verdict without talking to each other. Pure.
 */
final class HostnameOwners {

    private HostnameOwners() {
    }

    /**
     * A site's claim: the host names it asks for (its own and the preview one) and those its route serves now.
     *
     * @param created the site's creationTimestamp (RFC 3339; null sorts last)
     */
    record Claim(String namespace, String name, String created, Set<String> hosts, Set<String> routed) {

        String id() {
            return namespace + "/" + name;
        }
    }

    private static final Comparator<Claim> AGE = Comparator.comparing(Claim::created,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Claim::id);

    /** The host names of {@code self} that another site has, each with that site's namespace/name, in order. */
    static Map<String, String> taken(Claim self, List<Claim> others) {
        Map<String, String> taken = new LinkedHashMap<>();
        for (String host : self.hosts().stream().sorted().toList()) {
            others.stream().filter(o -> !o.id().equals(self.id()) && o.hosts().contains(host))
                    .filter(o -> before(o, self, host)).min(AGE)
                    .ifPresent(o -> taken.put(host, o.id()));
        }
        return taken;
    }

    /** Whether {@code other} has {@code host} before {@code self}. */
    private static boolean before(Claim other, Claim self, String host) {
        boolean otherRoutes = other.routed().contains(host);
        boolean selfRoutes = self.routed().contains(host);
        if (otherRoutes != selfRoutes) {
            return otherRoutes;
        }
        return AGE.compare(other, self) < 0 && !Objects.equals(other.id(), self.id());
    }
}
