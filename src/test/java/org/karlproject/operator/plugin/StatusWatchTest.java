package org.karlproject.operator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.KubectlFront;

/** {@code status --watch}: draws the tree, then redraws it after a change, from watches. */
class StatusWatchTest {

    final ApiServer server = ApiServer.start();
    final KubernetesClient admin = server.adminClient();
    final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        thread.shutdownNow();
        server.close();
    }

    @Test
    void watchRedrawsAfterEveryChange() throws Exception {
        PluginReadTest.applySamples(admin);
        watchAndChange(admin);
    }

    /** The same through the sandbox's front, as the plugin talks to {@code sandbox --keep}: plain HTTP watches. */
    @Test
    void watchWorksThroughTheSandboxsFrontForKubectl() throws Exception {
        PluginReadTest.applySamples(admin);
        try (KubectlFront front = KubectlFront.start(server.url(), 0);
                KubernetesClient viaFront = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                        .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(front.url())
                                .withNamespace("karl-acme").withMaxConcurrentRequestsPerHost(32).withOnlyHttpWatches(true).build()).build()) {
            watchAndChange(viaFront);
        }
    }

    private void watchAndChange(KubernetesClient client) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = new Session(() -> client, "karl-acme", false, out, out,
                new ByteArrayInputStream(new byte[0]), new Style(false));
        CountDownLatch stop = new CountDownLatch(1);
        Future<Integer> watching = thread.submit(() -> StatusCommand.watch(session, "acme-staging", stop, null));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8)
                .contains("KarlSite karl-acme/acme-staging  (no status yet)"));
        setPhase(RolloutPhase.Deploying);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8)
                .contains("KarlSite karl-acme/acme-staging  Deploying"));
        setPhase(RolloutPhase.Stable);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8)
                .contains("KarlSite karl-acme/acme-staging  Stable"));
        stop.countDown();
        assertEquals(0, watching.get(10, TimeUnit.SECONDS));

        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> frames = List.of(text.split("(?m)^--- \\d\\d:\\d\\d:\\d\\d -+$"));
        assertTrue(frames.size() >= 4, "one frame per change: " + text);
        assertTrue(frames.get(frames.size() - 1).contains("Stable"), text);
    }

    @Test
    void getWatchPrintsEveryKindThenALinePerChange() throws Exception {
        int objects = PluginReadTest.applySamples(admin);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = new Session(() -> admin, null, true, out, out, new ByteArrayInputStream(new byte[0]), new Style(false));
        CountDownLatch stop = new CountDownLatch(1);
        Future<Integer> watching = thread.submit(() -> GetCommand.watch(session, stop, null));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8).lines().count() == objects);
        String before = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(before.contains("karl-acme     karlsite/acme-staging") && before.contains("releaseindex/karl-3-31")
                && before.contains("releasetrain/weekly"), before);
        setPhase(RolloutPhase.Deploying);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8)
                .matches("(?s).*karlsite/acme-staging\\s+Deploying.*"));
        admin.resources(org.karlproject.operator.api.release.ReleaseIndex.class).inNamespace("karl-acme")
                .withName("acme-3-31").delete();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bytes.toString(StandardCharsets.UTF_8)
                .matches("(?s).*releaseindex/acme-3-31\\s+\\(deleted\\).*"));
        stop.countDown();
        assertEquals(0, watching.get(10, TimeUnit.SECONDS));
        assertEquals(objects + 2, bytes.toString(StandardCharsets.UTF_8).lines().count(),
                "a line per object, then one per change, none repeated: " + bytes);
    }

    private void setPhase(RolloutPhase phase) {
        admin.resources(KarlSite.class).inNamespace("karl-acme").withName("acme-staging").editStatus(s -> {
            KarlSiteStatus st = s.getStatus() == null ? new KarlSiteStatus() : s.getStatus();
            st.setPhase(phase);
            s.setStatus(st);
            return s;
        });
    }
}
