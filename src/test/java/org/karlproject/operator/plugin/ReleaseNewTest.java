package org.karlproject.operator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karlproject.operator.cli.ValidateCommand;
import org.karlproject.operator.validation.Validator;

/** {@code release new}: a ReleaseIndex from a directory or a pool, every sha256 computed; unpinned input refused. */
class ReleaseNewTest {

    static final String IMAGE = "registry.example.org/acme/karl-acme@sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    Path distributions() throws Exception {
        Path pool = Files.createDirectories(dir.resolve("pool"));
        Files.writeString(pool.resolve("acme-1.8.tar.gz"), "acme 1.8 sources");
        Files.writeString(pool.resolve("python_ldap-2.3.11-cp27-none-linux_x86_64.whl"), "a wheel");
        Files.writeString(pool.resolve("repoze.bfg-1.2.1.tar.gz"), "bfg sources");
        Files.writeString(pool.resolve("repoze.bfg-1.2.1-py2-none-any.whl"), "bfg wheel: the sdist is preferred");
        Files.writeString(pool.resolve("acme-1.7.tar.gz"), "an older acme");
        return pool;
    }

    @Test
    void writesAManifestWithEveryFilesSha256ThatValidatePasses() throws Exception {
        Path pool = distributions();
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), """
                # pip freeze
                acme==1.8
                Python-LDAP==2.3.11 ; python_version < "3"
                repoze.bfg == 1.2.1
                """);
        Path changes = Files.writeString(dir.resolve("CHANGES.txt"), "acme 1.8\n- auditors group\n");
        PluginRun r = PluginRun.run(null, "release", "new", "acme-3-31", "-n", "karl-acme", "--version", "3.31-acme.1",
                "--pool", "https://pool.example.org/karl/", "--from", pool.toString(), "--requirements", requirements.toString(),
                "--image", IMAGE, "--based-on", "karl-3-31", "--evolve", "acme=5:allowed", "--changelog", changes.toString());
        assertEquals(0, r.exit(), r::toString);

        JsonNode manifest = Session.YAML.readTree(r.out());
        assertEquals("ReleaseIndex", manifest.get("kind").asText());
        assertEquals("karl-acme", manifest.at("/metadata/namespace").asText());
        assertEquals("karl-3-31", manifest.at("/spec/basedOn").asText());
        JsonNode packages = manifest.at("/spec/packages");
        assertEquals(3, packages.size(), r.out());
        assertEquals("acme-1.8.tar.gz", packages.get(0).get("file").asText());
        assertEquals(sha256("acme 1.8 sources".getBytes(StandardCharsets.UTF_8)), packages.get(0).get("sha256").asText());
        assertEquals("python_ldap-2.3.11-cp27-none-linux_x86_64.whl", packages.get(1).get("file").asText());
        assertEquals("repoze.bfg-1.2.1.tar.gz", packages.get(2).get("file").asText(), "the source distribution first");
        assertEquals(sha256("bfg sources".getBytes(StandardCharsets.UTF_8)), packages.get(2).get("sha256").asText());
        assertEquals(5, manifest.at("/spec/evolve/0/generation").asInt());
        assertEquals("allowed", manifest.at("/spec/evolve/0/steps/0/reindex/0").asText());
        assertTrue(manifest.at("/spec/changelog").asText().contains("auditors group"));

        assertEquals(List.of(), Validator.shared().validate(manifest));
        Path file = Files.writeString(dir.resolve("release.yaml"), r.out());
        assertEquals(ValidateCommand.VALID, ValidateCommand.run(List.of(file.toString()), System.out, System.err));
    }

    @Test
    void withOnlyAPoolUrlItDownloadsTheFilesItsListingNames() throws Exception {
        HttpServer pool = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool.createContext("/karl/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals("/karl/") ? "<html><a href=\"acme-1.8.tar.gz#sha256=ignored\">acme-1.8.tar.gz</a>"
                    + "<a href='/karl/karl-3.31.tar.gz'>karl</a></html>" : path.endsWith("acme-1.8.tar.gz") ? "acme!" : "karl!")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pool.start();
        try {
            Path requirements = Files.writeString(dir.resolve("req.txt"), "acme==1.8\nkarl==3.31\n");
            String url = "http://127.0.0.1:" + pool.getAddress().getPort() + "/karl/";
            PluginRun r = PluginRun.run(null, "release", "new", "acme-3-31", "--version", "3.31", "--pool", url,
                    "--requirements", requirements.toString(), "--image", IMAGE);
            assertEquals(0, r.exit(), r::toString);
            JsonNode manifest = Session.YAML.readTree(r.out());
            assertEquals(sha256("acme!".getBytes(StandardCharsets.UTF_8)), manifest.at("/spec/packages/0/sha256").asText());
            assertEquals("karl-3.31.tar.gz", manifest.at("/spec/packages/1/file").asText());
            assertEquals(sha256("karl!".getBytes(StandardCharsets.UTF_8)), manifest.at("/spec/packages/1/sha256").asText());
        } finally {
            pool.stop(0);
        }
    }

    @Test
    void refusesUnpinnedAndUnhashableEntries() throws Exception {
        Path pool = distributions();
        Path loose = Files.writeString(dir.resolve("loose.txt"), "acme>=1.8\n-e git+https://example.org/x.git#egg=x\nrepoze.bfg\n");
        PluginRun unpinned = PluginRun.run(null, "release", "new", "r", "--version", "1", "--pool", "https://p.example.org/",
                "--from", pool.toString(), "--requirements", loose.toString(), "--image", IMAGE);
        assertEquals(1, unpinned.exit(), unpinned::toString);
        assertTrue(unpinned.err().contains("line 1: acme>=1.8 is not pinned to one version"), unpinned::toString);
        assertTrue(unpinned.err().contains("line 2: -e git+"), unpinned::toString);
        assertTrue(unpinned.err().contains("line 3: repoze.bfg is not pinned"), unpinned::toString);
        assertEquals("", unpinned.out());

        Path missing = Files.writeString(dir.resolve("missing.txt"), "acme==1.9\n");
        PluginRun unhashable = PluginRun.run(null, "release", "new", "r", "--version", "1", "--pool", "https://p.example.org/",
                "--from", pool.toString(), "--requirements", missing.toString(), "--image", IMAGE);
        assertEquals(1, unhashable.exit(), unhashable::toString);
        assertTrue(unhashable.err().contains("acme==1.9: no distribution file for it in " + pool), unhashable::toString);

        Path ok = Files.writeString(dir.resolve("ok.txt"), "acme==1.8\n");
        PluginRun tagged = PluginRun.run(null, "release", "new", "r", "--version", "1", "--pool", "https://p.example.org/",
                "--from", pool.toString(), "--requirements", ok.toString(), "--image", "registry.example.org/acme:latest");
        assertEquals(1, tagged.exit(), tagged::toString);
        assertTrue(tagged.err().contains("spec.image"), "the manifest is validated before it is printed: " + tagged);

        PluginRun usage = PluginRun.run(null, "release", "new", "r", "--version", "1");
        assertEquals(2, usage.exit(), usage::toString);
        assertTrue(usage.err().contains("--pool is required"), usage::toString);
    }
}
