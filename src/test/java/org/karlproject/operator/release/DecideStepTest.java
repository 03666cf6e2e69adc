package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karlproject.operator.release.ReleaseIndexScenarioTest.pin;
import static org.karlproject.operator.release.ReleaseIndexScenarioTest.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexStatus;
import org.karlproject.operator.k8s.Intent;
import org.karlproject.operator.status.Health;

/** The ReleaseIndex decide steps, pure: no server, no registry; what they decide and what they plan. */
class DecideStepTest {

    private static Observed observed(ReleaseIndex release, Map<String, ConfigMap> frozen, ReleaseIndex... others) {
        Map<String, ReleaseIndex> releases = new java.util.TreeMap<>();
        releases.put(release.getMetadata().getName(), release);
        for (ReleaseIndex other : others) {
            releases.put(other.getMetadata().getName(), other);
        }
        return new Observed(release, releases, frozen, List.of());
    }

    private static ReleaseIndex accepted(ReleaseIndex release) {
        release.setStatus(new ReleaseIndexStatus());
        release.getStatus().setSpecDigest(SpecDigest.of(release.getSpec()));
        return release;
    }

    @Test
    void aValidReleaseIsFrozenFirstInPassingThenPublishedWithNothingMoreToWrite() {
        ReleaseIndex karl = release("karl-3-30", null, pin("karl", "3.30", 'a'));
        karl.getMetadata().setUid("uid-karl");
        Decide.Verdict first = Decide.decide(observed(karl, Map.of()), new ReleaseIndexStatus());

        assertEquals("Accepting", first.decision().health().reason());
        assertTrue(first.decision().passing(), "the freeze is in passing: Ready is the one status written");
        assertNull(first.decision().status().getSpecDigest(), "no digest is accepted before its copy exists");
        assertEquals(Decide.Publication.LEAVE, first.publication());
        List<Intent> intents = first.decision().plan().intents();
        assertEquals(1, intents.size(), intents::toString);
        Intent.Create create = (Intent.Create) intents.get(0);
        assertEquals(AcceptedReleases.configMapName("karl-3-30"), create.object().getMetadata().getName());

        ConfigMap frozen = AcceptedReleases.of(karl);
        Decide.Verdict again = Decide.decide(observed(karl, Map.of(frozen.getMetadata().getName(), frozen)),
                new ReleaseIndexStatus());
        assertEquals("Published", again.decision().health().reason());
        assertEquals(SpecDigest.of(karl.getSpec()), again.decision().status().getSpecDigest());
        assertEquals(Decide.Publication.Action.PUBLISH, again.publication().action());
        assertEquals("karl-3-30", again.publication().release().name());
        assertTrue(again.decision().plan().isEmpty(), "the frozen copy exists: nothing to write");
    }

    @Test
    void aPredecessorsFrozenCopyUnderTheSameNameIsNotThisReleasesAcceptance() {
        ReleaseIndex old = release("karl-3-30", null, pin("karl", "3.30", 'a'));
        old.getMetadata().setUid("uid-old");
        ConfigMap stale = AcceptedReleases.of(old);
        ReleaseIndex recreated = release("karl-3-30", null, pin("karl", "3.31", 'b'));
        recreated.getMetadata().setUid("uid-new");

        Decide.Verdict verdict = Decide.decide(observed(recreated, Map.of(stale.getMetadata().getName(), stale)),
                new ReleaseIndexStatus());
        assertEquals("Accepting", verdict.decision().health().reason(), "not published on the old release's copy");
        assertNull(verdict.decision().status().getSpecDigest());
        assertEquals(1, verdict.decision().plan().intents().size(), "its own copy is still to be made");
    }

    @Test
    void aMissingParentWaitsWithdrawnAndLooksAgainAsABackstop() {
        ReleaseIndex acme = release("acme-3-30", "karl-3-30", pin("acme", "1.0", 'c'));
        Decide.Verdict verdict = Decide.decide(observed(acme, Map.of()), new ReleaseIndexStatus());

        assertEquals(Health.State.PROGRESSING, verdict.decision().health().state());
        assertEquals("WaitingForParent", verdict.decision().health().reason());
        assertEquals(Optional.of(Duration.ofSeconds(30)), verdict.decision().recheck());
        assertEquals(Decide.Publication.WITHDRAW, verdict.publication());
        assertTrue(verdict.decision().plan().isEmpty());
    }

    @Test
    void aSpecChangedAfterAcceptanceIsStalledBeforeValidationAndStillServesTheAcceptedContent() {
        ReleaseIndex karl = accepted(release("karl-3-30", null, pin("karl", "3.30", 'a')));
        ConfigMap frozen = AcceptedReleases.of(karl);
        karl.getSpec().setImage("not an image"); // an edit the rules reject, on a cluster without CEL
        ReleaseIndexStatus status = karl.getStatus();

        Decide.Verdict verdict = Decide.specChanged(observed(karl, Map.of(frozen.getMetadata().getName(), frozen)),
                status).orElseThrow();
        assertEquals("SpecChanged", verdict.decision().health().reason());
        assertEquals(Health.State.STALLED, verdict.decision().health().state());
        assertEquals(Decide.Publication.Action.PUBLISH, verdict.publication().action(), "the accepted content");
        assertTrue(verdict.decision().plan().isEmpty());

        Decide.Verdict lost = Decide.specChanged(observed(karl, Map.of()), status).orElseThrow();
        assertEquals(Decide.Publication.LEAVE, lost.publication(), "no frozen copy: the registry is left as it is");

        ReleaseIndex unchanged = accepted(release("karl-3-31", null, pin("karl", "3.31", 'b')));
        assertEquals(Optional.empty(), Decide.specChanged(observed(unchanged, Map.of()), unchanged.getStatus()));
    }
}
