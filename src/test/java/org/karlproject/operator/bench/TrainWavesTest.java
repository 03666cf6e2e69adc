package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainSite;

/** M6's check of a finished train's waves and bakes, from rows and switch times written by hand. */
class TrainWavesTest {
    private final List<TrainSite> rows = new ArrayList<>();
    private final List<KarlSite> sites = new ArrayList<>();

    @Test
    void wavesThatEachStartAfterThePreviousBakeAndBakeTheirFullTimeAreKept() {
        row("a", 0, "10:00:00", "10:00:09", "10:00:03.4");
        row("b", 1, "10:00:09", "10:00:16", "10:00:11.0");
        row("c", 1, "10:00:09", "10:00:16", "10:00:10.2");
        row("d", 2, "10:00:16", "10:00:23", "10:00:18.9");

        assertEquals(new TrainWaves(3, 0, 0), TrainWaves.of(train(), sites, 5));
    }

    @Test
    void aSiteStartedBeforeThePreviousBakeEndedAndAWaveThatBakedShortAreCounted() {
        row("a", 0, "10:00:00", "10:00:09", "10:00:03.4");
        row("b", 1, "10:00:08", "10:00:16", "10:00:11.0"); // started a second before the canary finished
        row("c", 1, "10:00:09", "10:00:16", "10:00:12.7"); // its last switch 12 s, finished 16 s: 4 s of a 5 s bake
        row("d", 2, "10:00:16", "10:00:23", "10:00:18.0");

        assertEquals(new TrainWaves(3, 1, 1), TrainWaves.of(train(), sites, 5));
    }

    private void row(String name, int wave, String started, String finished, String switchedAt) {
        TrainSite row = new TrainSite(Fleet.NS, name);
        row.setState(SiteState.Succeeded);
        row.setWave(wave);
        row.setStarted("2026-12-01T" + started + "Z");
        row.setFinished("2026-12-01T" + finished + "Z");
        rows.add(row);
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(Fleet.NS).build());
        KarlSiteStatus status = new KarlSiteStatus();
        status.setSwitchedAt("2026-12-01T" + switchedAt + "Z");
        site.setStatus(status);
        sites.add(site);
    }

    private ReleaseTrain train() {
        ReleaseTrain train = new ReleaseTrain();
        ReleaseTrainStatus status = new ReleaseTrainStatus();
        status.setSites(rows);
        train.setStatus(status);
        return train;
    }
}
