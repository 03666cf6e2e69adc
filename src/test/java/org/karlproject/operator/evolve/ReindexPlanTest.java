package org.karlproject.operator.evolve;

import org.karlproject.operator.api.Generations;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;

/** "Smarter evolve": the indexes to reindex, from the steps declared by every release, for two managers. */
class ReindexPlanTest {
    private static final List<ReleaseIndexSpec> RELEASES = EvolveFixtures.releases().stream()
            .map(ReleaseIndex::getSpec).toList();

    @Test
    void unionOfTheStepsBetweenTheDatabaseAndTheTargetAcrossReleasesAndManagers() {
        // karl 28 (3.30: creation_date, texts), karl 29 (3.31: allowed_to_view), osi 4 (title), osi 5 (texts, title)
        assertEquals(List.of("allowed_to_view", "creation_date", "texts", "title"),
                ReindexPlan.of(Map.of("karl", 27L, "osi", 3L), Map.of("karl", 29L, "osi", 5L), RELEASES));
    }

    @Test
    void stepsAtOrBelowTheDatabasesGenerationAreNotRepeated() {
        assertEquals(List.of("allowed_to_view", "texts", "title"),
                ReindexPlan.of(Map.of("karl", 28L, "osi", 4L), Map.of("karl", 29L, "osi", 5L), RELEASES));
    }

    @Test
    void stepsBeyondTheTargetAreNotIncluded() {
        assertEquals(List.of("creation_date", "texts"),
                ReindexPlan.of(Map.of("karl", 27L, "osi", 5L), Map.of("karl", 28L, "osi", 5L), RELEASES));
    }

    @Test
    void aManagerTheDatabaseHasNeverSeenStartsFromZero() {
        assertEquals(List.of("texts", "title"), ReindexPlan.of(Map.of("karl", 29L), Map.of("karl", 29L, "osi", 5L),
                RELEASES));
    }

    @Test
    void managersOutsideTheTargetAreIgnoredAndNothingDeclaredMeansNothing() {
        assertEquals(List.of(), ReindexPlan.of(Map.of(), Map.of("zope", 3L), RELEASES));
        assertEquals(List.of(), ReindexPlan.of(Map.of("karl", 29L, "osi", 5L), Map.of("karl", 29L, "osi", 5L),
                RELEASES));
    }

    @Test
    void generationsText() {
        assertEquals("karl=29 osi=5", Generations.text(Map.of("osi", 5L, "karl", 29L)));
        assertEquals("none", Generations.text(Map.of()));
        assertEquals(true, Generations.behind(Map.of("karl", 29L), Map.of("karl", 29L, "osi", 1L)));
        assertEquals(false, Generations.behind(Map.of("karl", 30L, "osi", 1L), Map.of("karl", 29L, "osi", 1L)));
    }
}
