package org.karlproject.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.validation.BasedOnCycles.Release;

class BasedOnCyclesTest {

    @Test
    void twoReleasesNamingEachOtherAreBothReported() {
        Map<Integer, Violation> found = BasedOnCycles.find(List.of(
                new Release("karl", "a", "b"), new Release("karl", "b", "a")));

        assertEquals(Set.of(0, 1), found.keySet());
        assertEquals("spec.basedOn", found.get(0).path());
        assertTrue(found.get(0).message().contains("a -> b -> a"), found.get(0).message());
        assertTrue(found.get(1).message().contains("b -> a -> b"), found.get(1).message());
    }

    @Test
    void aChainThatEndsIsFineAndOnlyTheLoopItselfIsReported() {
        assertEquals(Map.of(), BasedOnCycles.find(List.of(
                new Release("karl", "acme", "karl"), new Release("karl", "karl", null),
                new Release("karl", "other", "missing"))));

        Map<Integer, Violation> found = BasedOnCycles.find(List.of(
                new Release("karl", "tail", "a"), new Release("karl", "a", "b"),
                new Release("karl", "b", "c"), new Release("karl", "c", "a")));
        assertEquals(Set.of(1, 2, 3), found.keySet());
    }

    @Test
    void releasesComeFromTypedObjectsOrDocuments() {
        ReleaseIndex typed = new ReleaseIndex();
        typed.setMetadata(new ObjectMetaBuilder().withName("acme-3-30").build());
        typed.setSpec(new ReleaseIndexSpec());
        typed.getSpec().setBasedOn("karl-3-30");
        ObjectNode document = new ObjectMapper().createObjectNode();
        document.putObject("metadata").put("name", "karl-3-30").put("namespace", "karl");

        assertEquals(new Release("", "acme-3-30", "karl-3-30"), Release.of(typed));
        assertEquals(new Release("karl", "karl-3-30", null), Release.of(document));
    }

    @Test
    void namespacesSeparateChainsAndSelfReferenceIsLeftToTheCelRule() {
        assertEquals(Map.of(), BasedOnCycles.find(List.of(
                new Release("one", "a", "b"), new Release("two", "b", "a"))));
        assertEquals(Map.of(), BasedOnCycles.find(List.of(new Release("karl", "a", "a"))));
    }
}
