package org.karlproject.operator.release;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.testing.InstallCrds;

/**
 * A real client against the real operator: the Quarkus application runs its ReleaseIndex reconciler
 * against a mock API server and serves the index over HTTP; {@code pip} downloads a pinned wheel from a
 * pool on loopback through that index with {@code --require-hashes}, and refuses a file whose hash
 * differs from the pin. Needs {@code python3} with pip: the test fails, saying so, without it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrds.class)
class PipThroughTheIndexTest {

    static final String NAMESPACE = "karl-pip";

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource("/")
    URL operator;

    static HttpServer pool;
    static Path poolDir;
    static String wheelSha256;
    static final String WHEEL = "karl_pip_probe-1.0-py3-none-any.whl";

    @BeforeAll
    static void startPool(@TempDir Path dir) throws Exception {
        poolDir = dir;
        byte[] wheel = tinyWheel("karl_pip_probe", "1.0");
        Files.write(dir.resolve(WHEEL), wheel);
        wheelSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wheel));
        pool = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool.createContext("/pool/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/pool/".length()));
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pool.start();
    }

    @AfterAll
    static void stopPool() {
        pool.stop(0);
    }

    @Test
    void pipDownloadsThePinnedFileThroughTheOperatorsIndex(@TempDir Path out) throws Exception {
        String base = publish("probe-good", wheelSha256);
        Path requirements = out.resolve("requirements.txt");
        Files.writeString(requirements, get(base + "requirements.txt"));

        Result pip = pip(out, "download", "--no-deps", "--require-hashes", "-r", requirements.toString(),
                "--index-url", base + "simple/", "-d", out.resolve("dist").toString());

        assertEquals(0, pip.exit, pip.output);
        assertTrue(Files.exists(out.resolve("dist").resolve(WHEEL)), pip.output);
    }

    @Test
    void pipRefusesAFileWhoseHashDiffersFromThePin(@TempDir Path out) throws Exception {
        String base = publish("probe-tampered", "0".repeat(64));
        Path requirements = out.resolve("requirements.txt");
        Files.writeString(requirements, get(base + "requirements.txt"));

        Result pip = pip(out, "download", "--no-deps", "--require-hashes", "-r", requirements.toString(),
                "--index-url", base + "simple/", "-d", out.resolve("dist").toString());

        assertNotEquals(0, pip.exit, pip.output);
        assertTrue(pip.output.contains("DO NOT MATCH THE HASHES"), pip.output);
        assertTrue(Files.notExists(out.resolve("dist").resolve(WHEEL)), pip.output);
    }

    /** Applies a ReleaseIndex pinning the probe wheel and waits until the operator serves it. */
    private String publish(String name, String sha256) {
        KubernetesClient client = server.getClient();
        PackagePin pin = new PackagePin();
        pin.setName("karl-pip-probe");
        pin.setVersion("1.0");
        pin.setFile(WHEEL);
        pin.setSha256(sha256);
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion("1.0");
        spec.setImage("registry.example.org/karl/probe@sha256:" + "c".repeat(64));
        spec.setPool("http://127.0.0.1:" + pool.getAddress().getPort() + "/pool/");
        spec.setPackages(List.of(pin));
        ReleaseIndex release = new ReleaseIndex();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NAMESPACE);
        release.setSpec(spec);
        client.resource(release).create();
        String base = operator.toString().replaceAll("/$", "") + "/releases/" + NAMESPACE + "/" + name + "/";
        await().atMost(Duration.ofSeconds(30)).until(() -> status(base + "requirements.txt") == 200);
        return base;
    }

    record Result(int exit, String output) {
    }

    private static Result pip(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-m", "pip", "--disable-pip-version-check",
                "--no-cache-dir", "--no-input"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 with pip is needed for this test (apt-get install python3-pip): "
                    + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pip did not finish: " + output);
        if (output.contains("No module named pip")) {
            throw new AssertionError("python3 has no pip module (apt-get install python3-pip): " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The smallest valid wheel: one module, METADATA, WHEEL and RECORD. */
    static byte[] tinyWheel(String module, String version) throws IOException {
        String distInfo = module + "-" + version + ".dist-info/";
        String[][] files = {
                {module + "/__init__.py", "VERSION = '" + version + "'\n"},
                {distInfo + "METADATA", "Metadata-Version: 2.1\nName: " + module.replace('_', '-') + "\nVersion: " + version + "\n"},
                {distInfo + "WHEEL", "Wheel-Version: 1.0\nGenerator: karl-operator-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"},
                {distInfo + "RECORD", ""},
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] file : files) {
                ZipEntry entry = new ZipEntry(file[0]);
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(file[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
