package org.karlproject.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    static final Clock T0 = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    static final Clock T1 = Clock.fixed(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC);

    static String status(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElseThrow().getStatus();
    }

    @Test
    void eachVerdictSetsAllThreeKstatusConditions() {
        List<Condition> ready = Conditions.of(Health.ready("Published", "ok"), List.of(), 3, T0);
        assertEquals(List.of("Ready", "Reconciling", "Stalled"), ready.stream().map(Condition::getType).toList());
        assertEquals(List.of("True", "False", "False"), ready.stream().map(Condition::getStatus).toList());
        assertEquals(3L, ready.get(0).getObservedGeneration());

        List<Condition> stalled = Conditions.of(Health.stalled("InvalidSpec", "spec.image: ..."), List.of(), 3, T0);
        assertEquals(List.of("False", "False", "True"), stalled.stream().map(Condition::getStatus).toList());
        assertEquals("InvalidSpec", stalled.get(2).getReason());

        List<Condition> progressing = Conditions.of(Health.progressing("WaitingForParent", "..."), List.of(), 3, T0);
        assertEquals(List.of("False", "True", "False"), progressing.stream().map(Condition::getStatus).toList());
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusChanges() {
        List<Condition> first = Conditions.of(Health.progressing("Deploying", "a"), List.of(), 1, T0);
        List<Condition> sameState = Conditions.of(Health.progressing("SmokeChecking", "b"), first, 1, T1);
        assertEquals("2026-11-29T10:00:00Z", Conditions.find(sameState, "Reconciling").orElseThrow().getLastTransitionTime());
        assertEquals("SmokeChecking", Conditions.find(sameState, "Reconciling").orElseThrow().getReason());

        List<Condition> ready = Conditions.of(Health.ready("Stable", "c"), sameState, 1, T1);
        assertEquals("2026-11-29T10:05:00Z", Conditions.find(ready, "Ready").orElseThrow().getLastTransitionTime());
        assertEquals("2026-11-29T10:05:00Z", Conditions.find(ready, "Reconciling").orElseThrow().getLastTransitionTime());
        assertEquals("2026-11-29T10:00:00Z", Conditions.find(ready, "Stalled").orElseThrow().getLastTransitionTime());
    }

    @Test
    void theRecordedVerdictReadsBack() {
        Health stalled = Health.stalled("SpecChanged", "msg");
        assertEquals(stalled, Conditions.health(Conditions.of(stalled, List.of(), 1, T0)).orElseThrow());
        assertEquals(true, Conditions.health(List.of()).isEmpty());
    }

    @Test
    void reasonsMustBeCamelCase() {
        assertThrows(IllegalArgumentException.class, () -> Health.ready("not camel", ""));
        assertThrows(IllegalArgumentException.class, () -> Health.ready("lowerFirst", ""));
    }
}
