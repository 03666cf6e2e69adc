package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiPathsTest {
    private static ApiRequest parse(String method, String path) {
        return ApiPaths.parse(1, Instant.EPOCH, method, path, "agent");
    }

    private static String describe(ApiRequest r) {
        return String.join("|", r.verb(), r.group(), r.version(), r.resource(), r.subresource(), r.namespace(), r.name());
    }

    @Test
    void parsesCoreGroupAndNamedGroupPaths() {
        assertEquals("get||v1|configmaps||default|zeo", describe(parse("GET", "/api/v1/namespaces/default/configmaps/zeo")));
        assertEquals("list|apps|v1|deployments||default|",
                describe(parse("GET", "/apis/apps/v1/namespaces/default/deployments?labelSelector=a%3Db")));
        assertEquals("watch|apps|v1|deployments|||",
                describe(parse("GET", "/apis/apps/v1/deployments?allowWatchBookmarks=true&watch=true")));
        assertEquals("patch|deploy.karlproject.org|v1alpha1|zeodatabases|status|prod|db", describe(parse("PATCH",
                "/apis/deploy.karlproject.org/v1alpha1/namespaces/prod/zeodatabases/db/status")));
        assertEquals("create|batch|v1|jobs||default|", describe(parse("POST", "/apis/batch/v1/namespaces/default/jobs")));
        assertEquals("update||v1|persistentvolumeclaims||ns|p",
                describe(parse("PUT", "/api/v1/namespaces/ns/persistentvolumeclaims/p")));
        assertEquals("delete||v1|namespaces|||ns", describe(parse("DELETE", "/api/v1/namespaces/ns")));
        assertEquals("deletecollection||v1|pods||ns|", describe(parse("DELETE", "/api/v1/namespaces/ns/pods")));
        assertEquals("get|apiextensions.k8s.io|v1|customresourcedefinitions|||x.y",
                describe(parse("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.y")));
    }

    @Test
    void nonResourcePathsKeepTheirMethod() {
        ApiRequest version = parse("GET", "/version");
        assertEquals("get", version.verb());
        assertEquals("", version.resource());
    }
}
