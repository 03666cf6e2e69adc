package org.karlproject.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    static final Path VALID = Path.of("src", "test", "resources", "valid");
    static final Path SAMPLES = Path.of("samples");

    @TempDir
    Path tmp;

    @Test
    void validFixturesOfAllFiveKindsPass() {
        CommandRun run = CommandRun.of(VALID.toString());

        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        assertEquals(1, run.outLines().size(), "only the summary: " + run);
        assertEquals("validate: 5 file(s), 8 document(s) checked, 1 skipped: all valid", run.summary());
    }

    @Test
    void verboseListsEveryDocumentCheckedOrSkipped() {
        CommandRun run = CommandRun.of("--verbose", VALID.resolve("databases.yaml").toString());

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("ZeoDatabase/acme-production: valid"), run.toString());
        assertTrue(run.out().contains("ConfigMap/acme-production-etc: skipped"), run.toString());
    }

    @Test
    void theSamplesPass() throws IOException {
        // samples/ is written on another branch; until it is merged there is nothing to check here.
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES), "no samples/ directory in this checkout");
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            assertTrue(files.anyMatch(p -> p.toString().matches(".*\\.ya?ml$")), "samples/ holds no YAML");
        }

        CommandRun run = CommandRun.of(SAMPLES.toString());

        assertEquals(0, run.exit(), run.toString());
        assertFalse(run.summary().contains(" 0 document(s) checked"), run.summary());
    }

    @Test
    void aMissingPathExits2AndTheOtherInputsAreStillChecked() {
        Path missing = tmp.resolve("no-such-file.yaml");
        Path invalid = InvalidCorpusTest.CORPUS.resolve("ri-image-tag.yaml");

        CommandRun run = CommandRun.of(missing.toString(), invalid.toString());

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains(missing + ": no such file or directory"), run.toString());
        assertTrue(run.out().contains(invalid + ": ReleaseIndex/karl-3-30: spec.image: "), run.toString());
        assertEquals("validate: 1 file(s), 1 document(s) checked, 0 skipped, 1 input(s) unreadable:"
                + " 1 invalid, 1 violation(s)", run.summary());
        assertEquals(2, CommandRun.of(missing.toString()).exit());
        assertTrue(CommandRun.of(missing.toString()).summary().endsWith(": no violation in what could be read"));
    }

    @Test
    void unparsableYamlExits2AndReportsTheDocumentsBeforeIt() throws IOException {
        Path broken = tmp.resolve("broken.yaml");
        String good = Files.readString(InvalidCorpusTest.CORPUS.resolve("ks-replicas-negative.yaml"));
        Files.writeString(broken, good + "---\nkind: [unclosed\n  : :\n");

        CommandRun run = CommandRun.of(broken.toString());

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().startsWith(broken + ": after document 1: cannot parse YAML"), run.toString());
        assertTrue(run.out().contains(broken + ": KarlSite/acme-production: spec.replicas: "), run.toString());
    }

    @Test
    void aDirectoryIsSearchedRecursivelyForYamlOnly() throws IOException {
        Path nested = Files.createDirectories(tmp.resolve("a/b"));
        Files.copy(InvalidCorpusTest.CORPUS.resolve("zdb-port-zero.yaml"), nested.resolve("db.yml"));
        Files.writeString(tmp.resolve("notes.txt"), "kind: [not yaml we read");

        CommandRun run = CommandRun.of(tmp.toString());

        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains(nested.resolve("db.yml") + ": ZeoDatabase/acme-production: spec.port: "),
                run.toString());
        assertTrue(run.summary().startsWith("validate: 1 file(s), 1 document(s) checked"), run.summary());
    }

    @Test
    void emptyAndForeignDocumentsAreSkippedNotFailed() throws IOException {
        Path file = tmp.resolve("mixed.yaml");
        Files.writeString(file, "---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n---\n");

        CommandRun run = CommandRun.of(file.toString());

        assertEquals(0, run.exit(), run.toString());
        assertEquals("validate: 1 file(s), 0 document(s) checked, 1 skipped: all valid", run.summary());
    }

    @Test
    void helpExits0AndNoPathOrAnUnknownOptionExits2() {
        CommandRun help = CommandRun.of("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: java -jar quarkus-run.jar validate"), help.toString());

        CommandRun none = CommandRun.of();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no PATH given"), none.toString());

        CommandRun unknown = CommandRun.of("--strict", VALID.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown option --strict"), unknown.toString());
    }

    @Test
    void theCommandAndTheValidatorNeverBuildAClientNorStartQuarkus() throws IOException {
        for (String pkg : new String[] {"cli", "validation"}) {
            try (Stream<Path> classes = Files.walk(Path.of("target", "classes", "org", "karlproject", "operator", pkg))) {
                for (Path c : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String constants = new String(Files.readAllBytes(c), java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertFalse(constants.contains("io/fabric8/kubernetes/client/KubernetesClient"), c + " uses a client");
                    assertFalse(constants.contains("io/quarkus/runtime/Quarkus"), c + " starts Quarkus");
                }
            }
        }
    }

    @Test
    void neverContactsACluster() {
        // validate never builds a KubernetesClient. Point Fabric8 at an address that cannot answer: a client
        // would fail or hang; the command still checks the files and succeeds.
        String previous = System.getProperty("kubernetes.master");
        System.setProperty("kubernetes.master", "https://192.0.2.1:6443");
        try {
            CommandRun run = CommandRun.of(VALID.toString());
            assertEquals(0, run.exit(), run.toString());
        } finally {
            if (previous == null) {
                System.clearProperty("kubernetes.master");
            } else {
                System.setProperty("kubernetes.master", previous);
            }
        }
    }
}
