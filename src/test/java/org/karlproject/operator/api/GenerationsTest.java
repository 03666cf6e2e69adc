package org.karlproject.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.PreviousVolume;

class GenerationsTest {

    @Test
    void aDatabaseWithoutGenerationsIsNeitherBehindNorAheadOfAnyRelease() {
        Map<String, Long> release = Map.of("karl", 29L, "osi", 5L);
        assertFalse(Generations.behind(Map.of(), release), "empty: the first release to serve it initialises it");
        assertFalse(Generations.behind(null, release));
        assertFalse(Generations.ahead(Map.of(), release));
        assertTrue(Generations.matches(Map.of(), release));
    }

    @Test
    void aManagerTheDatabaseLacksCountsAsGenerationZero() {
        assertTrue(Generations.behind(Map.of("karl", 29L), Map.of("karl", 29L, "osi", 5L)));
        assertFalse(Generations.behind(Map.of("karl", 29L), Map.of("karl", 29L, "osi", 0L)));
        assertTrue(Generations.behind(Map.of("karl", 28L), Map.of("karl", 29L)));
        assertFalse(Generations.behind(Map.of("karl", 30L), Map.of("karl", 29L)));
        assertTrue(Generations.ahead(Map.of("karl", 30L), Map.of("karl", 29L)));
        assertFalse(Generations.ahead(Map.of("karl", 30L, "extra", 1L), Map.of("karl", 30L)));
    }

    @Test
    void aRestoreVolumeMustHoldExactlyTheReleasesGenerations() {
        PreviousVolume unknown = volume("v-unknown", Map.of());
        PreviousVolume older = volume("v-28", Map.of("karl", 28L));
        PreviousVolume exact = volume("v-29", Map.of("karl", 29L));
        assertEquals("v-29", Generations.restoreVolume(List.of(unknown, older, exact), Map.of("karl", 29L))
                .orElseThrow().getName());
        assertTrue(Generations.restoreVolume(List.of(unknown), Map.of("karl", 29L)).isEmpty(),
                "a volume whose generations no one recorded is no way back");
    }

    @Test
    void generationsAreWrittenSortedByManager() {
        assertEquals("acme=5,karl=29", Generations.format(Map.of("karl", 29L, "acme", 5L)));
        assertEquals("acme=5 karl=29", Generations.text(Map.of("karl", 29L, "acme", 5L)));
        assertEquals("none", Generations.text(Map.of()));
    }

    private static PreviousVolume volume(String name, Map<String, Long> generations) {
        PreviousVolume v = new PreviousVolume();
        v.setName(name);
        v.setGenerations(new java.util.TreeMap<>(generations));
        return v;
    }
}
