package org.karlproject.operator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.validation.BasedOnCycles;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/**
 * {@code validate PATH...}: checks karl-operator manifests offline, for users and GitOps CI. Never builds
 * a Kubernetes client and never starts Quarkus: plain Java, output on stdout/stderr.
 *
 * <p>One line per violation, {@code FILE: Kind/name: field.path: message}, then a summary line. Exit 0
 * when every document is valid, 1 when any is invalid, 2 when an input cannot be read or parsed (what
 * could be read is still checked and reported).
 */
public final class ValidateCommand {
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNREADABLE = 2;

    static final String USAGE = """
            Usage: java -jar quarkus-run.jar validate [--verbose] PATH...

            Checks karl-operator manifests (ReleaseIndex, ZeoDatabase, KarlSite, EvolveRun of %s)
            offline, without a cluster: each file, or each *.yaml/*.yml under a directory (recursively),
            may hold several YAML documents; documents of other kinds are skipped.

            Checks: the CRD's OpenAPI schema and unknown fields, the CRD's CEL rules (not those that
            compare with the stored object, oldSelf), the operator's own rules (unique package names
            after PEP 503 normalisation, cron schedules, quantities, ...) and basedOn cycles among the
            ReleaseIndexes given.

            Output: one line per violation, FILE: Kind/name: field.path: message; then a summary.
            Exit status: 0 all valid, 1 a document is invalid, 2 an input cannot be read or parsed.

              -v, --verbose   also list every document checked or skipped
              -h, --help      show this help
            """.formatted(Api.API_VERSION);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final PrintStream out;
    private final PrintStream err;
    private boolean verbose;
    private int files;
    private int checked;
    private int skipped;
    private int unreadable;
    private int violationCount;
    /** Documents with a violation; by identity, so that two equal documents count twice. */
    private final Set<Document> invalid = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Every ReleaseIndex given, for the basedOn cycles across documents. */
    private final List<Document> releaseIndexes = new ArrayList<>();

    /** A document of one file, as the output names it. */
    private record Document(Path file, JsonNode node) {
        String label() {
            return node.path("kind").asText("?") + "/" + node.path("metadata").path("name").asText("<unnamed>");
        }
    }

    private ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new ValidateCommand(out, err).execute(args);
    }

    private int execute(List<String> args) {
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return VALID;
                }
                case "-v", "--verbose" -> verbose = true;
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        err.println("validate: unknown option " + arg);
                        err.print(USAGE);
                        return UNREADABLE;
                    }
                    paths.add(Path.of(arg));
                }
            }
        }
        if (paths.isEmpty()) {
            err.println("validate: no PATH given");
            err.print(USAGE);
            return UNREADABLE;
        }
        for (Path path : paths) {
            for (Path file : yamlFiles(path)) {
                checkFile(file);
            }
        }
        checkBasedOnCycles();
        String verdict = !invalid.isEmpty() ? invalid.size() + " invalid, " + violationCount + " violation(s)"
                : unreadable > 0 ? "no violation in what could be read" : "all valid";
        out.printf("validate: %d file(s), %d document(s) checked, %d skipped%s: %s%n", files, checked, skipped,
                unreadable > 0 ? ", " + unreadable + " input(s) unreadable" : "", verdict);
        if (unreadable > 0) {
            err.println("validate: some input could not be read or parsed (see above)");
            return UNREADABLE;
        }
        return invalid.isEmpty() ? VALID : INVALID;
    }

    /** The path itself when a file, else the YAML files under it, in a stable order. */
    private List<Path> yamlFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            unreadable(path, "no such file or directory");
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml$"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            unreadable(path, "cannot list directory: " + e.getMessage());
            return List.of();
        }
    }

    private void checkFile(Path file) {
        files++;
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile());
             MappingIterator<JsonNode> it = YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                documents.add(it.nextValue());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            unreadable(file, (documents.isEmpty() ? "" : "after document " + documents.size() + ": ")
                    + "cannot parse YAML: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            unreadable(file, "cannot read: " + firstLine(e.getMessage()));
        }
        for (JsonNode node : documents) {
            checkDocument(new Document(file, node));
        }
    }

    private void checkDocument(Document document) {
        JsonNode node = document.node();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // an empty document, e.g. after a trailing ---
        }
        boolean ours = node.isObject() && node.path("apiVersion").asText().startsWith(Api.GROUP + "/");
        if (!ours) {
            skipped++;
            if (verbose) {
                out.println(document.file() + ": " + document.label() + ": skipped (not " + Api.API_VERSION + ")");
            }
            return;
        }
        checked++;
        if (Validator.isKarlResource(node) && node.path("kind").asText().equals("ReleaseIndex")) {
            releaseIndexes.add(document);
        }
        List<Violation> violations;
        try {
            violations = Validator.shared().validate(node);
        } catch (RuntimeException e) {
            // A bug in a rule must not hide the other documents' results.
            unreadable(document.file(), document.label() + ": internal error while validating: " + e);
            return;
        }
        report(document, violations);
        if (verbose && violations.isEmpty()) {
            out.println(document.file() + ": " + document.label() + ": valid");
        }
    }

    private void checkBasedOnCycles() {
        List<BasedOnCycles.Release> releases = releaseIndexes.stream()
                .map(d -> BasedOnCycles.Release.of(d.node())).toList();
        for (Map.Entry<Integer, Violation> cycle : BasedOnCycles.find(releases).entrySet()) {
            report(releaseIndexes.get(cycle.getKey()), List.of(cycle.getValue()));
        }
    }

    private void report(Document document, List<Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        // A document found invalid twice (its own rules, then a basedOn cycle) counts once.
        invalid.add(document);
        for (Violation violation : violations) {
            violationCount++;
            out.println(document.file() + ": " + document.label() + ": " + violation.path() + ": " + violation.message());
        }
    }

    private void unreadable(Path path, String problem) {
        unreadable++;
        err.println(path + ": " + problem);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
