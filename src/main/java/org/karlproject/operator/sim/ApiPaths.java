package org.karlproject.operator.sim;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Parses an API server request line into an {@link ApiRequest}: pure, so it is tested without a server. */
final class ApiPaths {
    private ApiPaths() {
    }

    static ApiRequest parse(long sequence, Instant time, String method, String pathAndQuery, String userAgent) {
        URI uri = URI.create(pathAndQuery);
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        String group = "";
        String version = "";
        int i;
        if (!parts.isEmpty() && parts.get(0).equals("api") && parts.size() >= 2) {
            version = parts.get(1);
            i = 2;
        } else if (!parts.isEmpty() && parts.get(0).equals("apis") && parts.size() >= 3) {
            group = parts.get(1);
            version = parts.get(2);
            i = 3;
        } else {
            return new ApiRequest(sequence, time, method.toLowerCase(), method, "", "", "", "", "", "", agent(userAgent),
                    pathAndQuery, 0);
        }
        String namespace = "";
        if (parts.size() > i + 1 && parts.get(i).equals("namespaces")) {
            if (parts.size() == i + 2) {
                // the namespace object itself: /api/v1/namespaces/<name>
                return build(sequence, time, method, query, group, version, "namespaces", "", "", parts.get(i + 1),
                        userAgent, pathAndQuery);
            }
            namespace = parts.get(i + 1);
            i += 2;
        }
        String resource = parts.size() > i ? parts.get(i) : "";
        String name = parts.size() > i + 1 ? parts.get(i + 1) : "";
        String subresource = parts.size() > i + 2 ? parts.get(i + 2) : "";
        return build(sequence, time, method, query, group, version, resource, subresource, namespace, name, userAgent,
                pathAndQuery);
    }

    private static ApiRequest build(long sequence, Instant time, String method, String query, String group,
            String version, String resource, String subresource, String namespace, String name, String userAgent,
            String path) {
        return new ApiRequest(sequence, time, verb(method, query, name), method, group, version, resource, subresource,
                namespace, name, agent(userAgent), path, 0);
    }

    static String verb(String method, String query, String name) {
        return switch (method.toUpperCase()) {
            case "GET" -> query.contains("watch=true") || query.contains("watch=1") ? "watch"
                    : name.isEmpty() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> method.toLowerCase();
        };
    }

    private static String agent(String userAgent) {
        return userAgent == null ? "" : userAgent;
    }
}
