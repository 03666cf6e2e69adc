package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.bench.Fleet;

/**
 * The event mappers' questions about each database of the namespace. A database without a spec (a cluster
 * whose CRD does not require one admits it) must answer "no", not throw: a mapper that throws loses the
 * event for every database of the namespace.
 */
class DatabaseEventSourcesTest {

    @Test
    void aDatabaseWithoutASpecIsNeitherRestoredNorCloned() {
        ZeoDatabase broken = Fleet.database("ns", "broken");
        broken.setSpec(null);
        assertFalse(DatabaseEventSources.restoredFrom(broken, "nightly"));
        assertFalse(DatabaseEventSources.clonedFrom(broken, "prod"));
        assertFalse(DatabaseEventSources.readable(broken));
    }

    @Test
    void sourcesAreRecognised() {
        ZeoDatabase staging = Fleet.database("ns", "staging");
        SourceSpec source = new SourceSpec();
        source.setDatabase("prod");
        staging.getSpec().setSource(source);
        assertTrue(DatabaseEventSources.clonedFrom(staging, "prod"));
        assertFalse(DatabaseEventSources.restoredFrom(staging, "prod"));
        ZeoDatabase restored = Fleet.database("ns", "restored");
        SourceSpec snapshot = new SourceSpec();
        snapshot.setVolumeSnapshot("nightly");
        restored.getSpec().setSource(snapshot);
        assertTrue(DatabaseEventSources.restoredFrom(restored, "nightly"));
        assertTrue(DatabaseEventSources.readable(restored));
    }
}
