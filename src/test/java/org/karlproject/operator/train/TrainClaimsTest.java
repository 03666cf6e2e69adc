package org.karlproject.operator.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.TrainPhase;

/** Which train came first, and which sites it claims from a later one (pure: {@code TrainObserver.claimedByFirst}). */
class TrainClaimsTest {

    final List<TrainView.Site> sites = List.of(TrainDecideTest.site("a", "a-staging", false, null, "a-3-30"),
            TrainDecideTest.site("b", "b-staging", false, null, "b-3-30"));

    static ReleaseTrain train(String name, String created, TrainPhase phase) {
        ReleaseTrain train = new ReleaseTrain();
        train.setMetadata(new ObjectMetaBuilder().withNamespace("fleet").withName(name).withCreationTimestamp(created)
                .build());
        train.setSpec(TrainDecideTest.spec(1, 1, "1", 0, 0));
        if (phase != null) {
            ReleaseTrainStatus status = new ReleaseTrainStatus();
            status.setPhase(phase);
            train.setStatus(status);
        }
        return train;
    }

    @Test
    void theOlderTrainClaimsTheSitesBothSelectAndTheYoungerClaimsNothingFromIt() {
        ReleaseTrain older = train("weekly", "2026-12-01T09:00:00Z", TrainPhase.Progressing);
        ReleaseTrain younger = train("a-hotfix", "2026-12-01T10:00:00Z", null);
        assertEquals(Map.of("a/a-staging", "fleet/weekly", "b/b-staging", "fleet/weekly"),
                TrainObserver.claimedByFirst(younger, List.of(older), sites));
        assertEquals(Map.of(), TrainObserver.claimedByFirst(older, List.of(younger), sites),
                "creation time first, not the name");
    }

    @Test
    void createdInTheSameSecondTheNameDecides() {
        ReleaseTrain a = train("a-train", "2026-12-01T09:00:00Z", null);
        ReleaseTrain b = train("b-train", "2026-12-01T09:00:00Z", null);
        assertEquals("fleet/a-train", TrainObserver.claimedByFirst(b, List.of(a), sites).get("a/a-staging"));
        assertEquals(Map.of(), TrainObserver.claimedByFirst(a, List.of(b), sites));
    }

    @Test
    void aTrainThatIsDoneOrAbortedClaimsNothing() {
        ReleaseTrain younger = train("next-week", "2026-12-08T09:00:00Z", null);
        for (TrainPhase done : List.of(TrainPhase.Succeeded, TrainPhase.Completed, TrainPhase.Aborted)) {
            assertEquals(Map.of(), TrainObserver.claimedByFirst(younger,
                    List.of(train("last-week", "2026-12-01T09:00:00Z", done)), sites), done.name());
        }
        ReleaseTrain paused = train("last-week", "2026-12-01T09:00:00Z", TrainPhase.Paused);
        assertEquals(2, TrainObserver.claimedByFirst(younger, List.of(paused), sites).size(), "a paused one does");
    }
}
