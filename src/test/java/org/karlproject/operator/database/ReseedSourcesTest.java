package org.karlproject.operator.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.SourceSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.site.Environment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;

/**
 * Two sources of reseeds, pure: the {@code reseed} annotation and a release train's Reseeding row. Each nonce
 * is handled once, and one source's reseed never makes the other's nonce look new again (which would
 * overwrite staging a second time); a train never reseeds a database a production site uses.
 */
class ReseedSourcesTest {

    final ZeoDatabase production = served(DatabaseFixtures.db("prod"), "prod-data-1");
    final ZeoDatabase staging = cloned(DatabaseFixtures.db("staging"));
    final ZeoDatabaseStatus status = new ZeoDatabaseStatus();

    static ZeoDatabase served(ZeoDatabase db, String volume) {
        ZeoDatabaseStatus status = new ZeoDatabaseStatus();
        status.setActiveVolume(volume);
        db.setStatus(status);
        return db;
    }

    static ZeoDatabase cloned(ZeoDatabase db) {
        SourceSpec source = new SourceSpec();
        source.setDatabase("prod");
        db.getSpec().setSource(source);
        return db;
    }

    Optional<String> plan(Optional<String> trainReseed) {
        PersistentVolumeClaim bound = new PersistentVolumeClaimBuilder().withNewMetadata().withName("prod-data-1")
                .endMetadata().withNewStatus().withPhase("Bound").endStatus().build();
        Observed observed = new Observed(staging, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of("prod-data-1", bound), Map.of(), List.of(), List.of(), Map.of(),
                Optional.of(production), Instant.parse("2026-12-01T10:00:00Z"), trainReseed, Map.of(), List.of(), Map.of(), List.of());
        String before = status.getReseedNonce();
        Provisioning.plan(observed, status);
        return Optional.ofNullable(status.getReseedNonce()).filter(n -> !n.equals(before));
    }

    void annotate(String nonce) {
        staging.getMetadata().setAnnotations(new java.util.TreeMap<>(Map.of(DatabaseObjects.RESEED, nonce)));
    }

    @Test
    void eachSourceKeepsItsOwnLastNonce() {
        status.setActiveVolume("staging-data-1");
        annotate("a1");
        assertEquals(Optional.of("a1"), plan(Optional.empty()), "the annotation's nonce");
        assertEquals(Optional.empty(), plan(Optional.empty()), "once");

        assertEquals(Optional.of("rt-1"), plan(Optional.of("rt-1")), "a train's nonce");
        assertEquals("rt-1", status.getTrainReseedNonce());
        assertEquals("a1", status.getAnnotationReseedNonce(), "the annotation's last one is kept");
        assertEquals(Optional.empty(), plan(Optional.of("rt-1")), "the annotation a1 does not look new again");

        annotate("a2");
        assertEquals(Optional.of("a2"), plan(Optional.of("rt-1")), "a new annotation nonce");
        assertEquals("a2", status.getAnnotationReseedNonce());
        assertEquals(Optional.empty(), plan(Optional.of("rt-1")), "nor does the train's rt-1");
    }

    @Test
    void aTrainReseedsOnlyAStagingDatabaseClonedFromAnotherOne() {
        KarlSite site = DatabaseFixtures.site("a-staging", "staging", SiteMode.Normal);
        ReleaseTrain train = new ReleaseTrain();
        ReleaseTrainStatus trainStatus = new ReleaseTrainStatus();
        TrainSite row = new TrainSite(DatabaseFixtures.NS, "a-staging");
        row.setState(SiteState.Reseeding);
        row.setReseed("rt-7");
        trainStatus.getSites().add(row);
        train.setStatus(trainStatus);

        assertEquals(Optional.of("rt-7"), DatabaseEventSources.trainReseed(staging, List.of(site),
                java.util.stream.Stream.of(train)));
        assertEquals(Optional.empty(), DatabaseEventSources.trainReseed(DatabaseFixtures.db("staging"),
                List.of(site), java.util.stream.Stream.of(train)), "not cloned: nothing to reseed from");

        KarlSite productionSite = DatabaseFixtures.site("a-production", "staging", SiteMode.Normal);
        productionSite.getSpec().setEnvironment(Environment.production);
        assertEquals(Optional.empty(), DatabaseEventSources.trainReseed(staging, List.of(site, productionSite),
                java.util.stream.Stream.of(train)), "a database a production site uses is never a train's to reseed");

        row.setState(SiteState.InProgress);
        assertTrue(DatabaseEventSources.trainReseed(staging, List.of(site), java.util.stream.Stream.of(train))
                .isEmpty(), "only a Reseeding row asks");
    }
}
