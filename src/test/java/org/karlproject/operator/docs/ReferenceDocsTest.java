package org.karlproject.operator.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.karlproject.operator.docs.ReferenceDocs.Kind;

/**
 * The committed reference pages under {@code docs/reference/} are what {@link ReferenceDocs} renders from
 * {@code crds/} and {@code samples/}. After changing an API class (and refreshing {@code crds/}) or a sample
 * file, refresh them with {@code mvn -B test -Dtest=ReferenceDocsTest -Dkarl.docs.update=true}.
 */
class ReferenceDocsTest {

    static final Path REFERENCE = Path.of("docs", "reference");
    static final List<Kind> KINDS = ReferenceDocs.KINDS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("KINDS")
    void committedPageIsWhatTheCrdRenders(Kind kind) throws IOException {
        String expected = new ReferenceDocs(Path.of("")).render(kind);
        Path committed = REFERENCE.resolve(kind.page());
        if (Boolean.getBoolean("karl.docs.update")) {
            Files.createDirectories(REFERENCE);
            Files.writeString(committed, expected);
        }
        assertTrue(Files.exists(committed), committed + " is missing; create it with " + ReferenceDocs.REFRESH);
        assertEquals(expected, Files.readString(committed), committed + " is out of date with crds/ or samples/; "
                + "refresh it with " + ReferenceDocs.REFRESH + " and commit it");
    }

    @Test
    void referenceDirectoryHoldsExactlyOnePagePerKind() throws IOException {
        assertTrue(Files.isDirectory(REFERENCE), REFERENCE + " is missing; create it with " + ReferenceDocs.REFRESH);
        try (Stream<Path> files = Files.list(REFERENCE)) {
            assertEquals(KINDS.stream().map(Kind::page).sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
