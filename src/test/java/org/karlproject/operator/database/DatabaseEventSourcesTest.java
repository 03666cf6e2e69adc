package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.bench.Fleet;

/**
 * The primary cache's index keys the event mappers look databases up by. A database without a spec (a
 * cluster whose CRD does not require one admits it) must have none, not throw: an indexer or mapper that
 * throws loses the event for every database of the namespace.
 */
class DatabaseEventSourcesTest {

    @Test
    void aDatabaseWithoutASpecIsNeitherRestoredNorCloned() {
        ZeoDatabase broken = Fleet.database("ns", "broken");
        broken.setSpec(null);
        assertEquals(List.of(), DatabaseEventSources.sourceSnapshotKey(broken));
        assertEquals(List.of(), DatabaseEventSources.sourceDatabaseKey(broken));
        assertFalse(DatabaseEventSources.readable(broken));
    }

    @Test
    void sourcesAreRecognised() {
        ZeoDatabase staging = Fleet.database("ns", "staging");
        SourceSpec source = new SourceSpec();
        source.setDatabase("prod");
        staging.getSpec().setSource(source);
        assertEquals(List.of("ns/prod"), DatabaseEventSources.sourceDatabaseKey(staging));
        assertEquals(List.of(), DatabaseEventSources.sourceSnapshotKey(staging));
        ZeoDatabase restored = Fleet.database("ns", "restored");
        SourceSpec snapshot = new SourceSpec();
        snapshot.setVolumeSnapshot("nightly");
        restored.getSpec().setSource(snapshot);
        assertEquals(List.of("ns/nightly"), DatabaseEventSources.sourceSnapshotKey(restored));
        assertEquals(List.of(), DatabaseEventSources.sourceDatabaseKey(restored));
        assertTrue(DatabaseEventSources.readable(restored));
    }
}
