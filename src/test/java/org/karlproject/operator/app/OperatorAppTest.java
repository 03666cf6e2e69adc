package org.karlproject.operator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.testing.InstallCrds;

/** The application starts cleanly against an API server and reports itself healthy, with metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrds.class)
class OperatorAppTest {

    @TestHTTPResource("/")
    URL base;

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base.toString() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessAndLivenessAreUp() throws Exception {
        HttpResponse<String> ready = get("q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\": \"UP\""), ready.body());
        assertEquals(200, get("q/health/live").statusCode());
    }

    @Test
    void prometheusMetricsAreServed() throws Exception {
        HttpResponse<String> metrics = get("q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM metrics present");
    }

    @Test
    void anUnknownReleaseIs404WithAReason() throws Exception {
        HttpResponse<String> missing = get("releases/nowhere/nothing/simple/");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no Ready ReleaseIndex nowhere/nothing"), missing.body());
    }
}
