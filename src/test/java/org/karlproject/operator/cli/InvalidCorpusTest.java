package org.karlproject.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-manifest corpus: every file under {@code src/test/resources/invalid} breaks one rule and says
 * which field path the violation must name in its {@code # expect: <field.path>} lines. Runs the same
 * code path as {@code java -jar quarkus-run.jar validate FILE}.
 */
class InvalidCorpusTest {
    static final Path CORPUS = Path.of("src", "test", "resources", "invalid");
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\S+)\\s*$");

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rejectedWithTheExpectedFieldPath(Path file) throws IOException {
        Set<String> expected = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                expected.add(m.group(1));
            }
        }
        assertFalse(expected.isEmpty(), file + " has no '# expect: <field.path>' line");

        CommandRun run = CommandRun.of(file.toString());

        assertEquals(1, run.exit(), run.toString());
        assertEquals("", run.err(), run.toString());
        Set<String> reported = new HashSet<>();
        Pattern violation = Pattern.compile("^" + Pattern.quote(file.toString()) + ": [^ ]+/[^ ]+: ([^ ]+): .+$");
        for (String line : run.outLines()) {
            Matcher m = violation.matcher(line);
            if (m.matches()) {
                reported.add(m.group(1));
            }
        }
        // Each case breaks one rule: the expected paths are reported, and nothing else is.
        assertEquals(expected, reported, run.toString());
    }

    @Test
    void corpusCoversEnoughCases() throws IOException {
        List<Path> files = corpus().toList();
        assertTrue(files.size() >= 35, "only " + files.size() + " corpus cases");
    }

    @Test
    void everyCaseIsListedInTheRuleTableOfTheDocs() throws IOException {
        String docs = Files.readString(Path.of("docs", "validation.md"));
        for (Path file : corpus().toList()) {
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            assertTrue(docs.contains("`" + name + "`"), name + " is not in the rule table of docs/validation.md");
        }
    }

    @Test
    void theWholeCorpusDirectoryFailsWithOneLinePerViolation() throws IOException {
        CommandRun run = CommandRun.of(CORPUS.toString());

        assertEquals(1, run.exit(), run.toString());
        long files = corpus().count();
        assertTrue(run.summary().startsWith("validate: " + files + " file(s), "), run.summary());
        long violationLines = run.outLines().stream().filter(l -> l.startsWith(CORPUS.toString())).count();
        assertTrue(run.summary().endsWith(", " + violationLines + " violation(s)"), run.summary());
    }
}
