package org.karlproject.operator.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** An immutable, filterable list of {@link ApiRequest}s: {@code log.snapshot().since(m).writes().count()}. */
public record Requests(List<ApiRequest> list) {

    public Requests filter(Predicate<ApiRequest> predicate) {
        return new Requests(list.stream().filter(predicate).toList());
    }

    /** Requests after a {@link RequestLog#mark()}. */
    public Requests since(long mark) {
        return filter(r -> r.sequence() > mark);
    }

    /** Requests whose user agent starts with {@code userAgent} (the operator, the simulated cluster, a test). */
    public Requests from(String userAgent) {
        return filter(r -> r.userAgent().startsWith(userAgent));
    }

    public Requests writes() {
        return filter(ApiRequest::isWrite);
    }

    public Requests verb(String verb) {
        return filter(r -> r.verb().equals(verb));
    }

    /** By resource plural, or {@code plural/subresource} (e.g. {@code zeodatabases/status}). */
    public Requests resource(String resource) {
        return filter(r -> r.resource().equals(resource) || r.resourceWithSubresource().equals(resource));
    }

    public Requests namespace(String namespace) {
        return filter(r -> r.namespace().equals(namespace));
    }

    public int count() {
        return list.size();
    }

    public Map<String, Long> countByVerb() {
        return countBy(ApiRequest::verb);
    }

    public Map<String, Long> countByResource() {
        return countBy(ApiRequest::resourceWithSubresource);
    }

    public Map<String, Long> countByNamespace() {
        return countBy(ApiRequest::namespace);
    }

    /**
     * The permissions these requests used, as RBAC names them: {@code group/resource[/subresource]:verb}
     * ({@code ""} group for core), sorted; compare with a ClusterRole's rules.
     */
    public java.util.SortedSet<String> permissions() {
        return list.stream().filter(r -> !r.resource().isEmpty())
                .map(r -> r.group() + "/" + r.resourceWithSubresource() + ":" + r.verb())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public Map<String, Long> countBy(Function<ApiRequest, String> key) {
        return list.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    @Override
    public String toString() {
        return list.stream().map(ApiRequest::toString).collect(Collectors.joining("\n  ", count() + " requests:\n  ", ""));
    }
}
