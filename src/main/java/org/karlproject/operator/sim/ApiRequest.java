package org.karlproject.operator.sim;

import java.time.Instant;
import java.util.Set;

/**
 * One request that reached the embedded API server, as RBAC sees it: verb, API group and version, resource
 * plural, subresource, namespace and name, plus who sent it (user agent) and what it got back.
 *
 * @param sequence   a counter over the server's lifetime, for "since" queries
 * @param group      the API group, {@code ""} for the core group
 * @param resource   the resource plural, e.g. {@code deployments}; {@code ""} for non-resource paths
 * @param subresource e.g. {@code status}, or {@code ""}
 * @param namespace  {@code ""} for cluster-scoped or all-namespace requests
 * @param name       {@code ""} for collection requests; for a create, the name in the body
 * @param status     the HTTP status answered (an injected fault's, if one applied)
 */
public record ApiRequest(long sequence, Instant time, String verb, String method, String group, String version,
        String resource, String subresource, String namespace, String name, String userAgent, String path,
        int status) {

    /** The verbs that change stored state. */
    public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

    public boolean isWrite() {
        return WRITE_VERBS.contains(verb);
    }

    /** {@code resource} or {@code resource/subresource}, as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    ApiRequest withName(String newName) {
        return new ApiRequest(sequence, time, verb, method, group, version, resource, subresource, namespace, newName,
                userAgent, path, status);
    }

    ApiRequest withStatus(int newStatus) {
        return new ApiRequest(sequence, time, verb, method, group, version, resource, subresource, namespace, name,
                userAgent, path, newStatus);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resourceWithSubresource()
                + (namespace.isEmpty() ? "" : " ns=" + namespace) + (name.isEmpty() ? "" : " name=" + name)
                + " -> " + status + " (" + userAgent + ")";
    }
}
