package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.k8s.Labels;

/** The sandbox's failure knobs, annotations on a ReleaseIndex that only the simulated cluster reads. */
class SandboxKnobsTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    private void release(String name, Map<String, String> annotations) {
        ReleaseIndex release = new ReleaseIndex();
        release.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(Fixtures.NS)
                .withAnnotations(annotations).build());
        release.setSpec(new ReleaseIndexSpec());
        h.apply(release);
    }

    private Job evolveJobOf(String name, String release) {
        Job job = Fixtures.evolveJob(name, "prod-data", "karl=29");
        job.getMetadata().setLabels(Map.of(EvolveJobContract.LABEL, name, Labels.RELEASE, release));
        return h.apply(job);
    }

    @Test
    void aReleaseWhosePodsNeverBecomeReady() {
        release("broken", Map.of(SandboxKnobs.NEVER_READY, "true"));
        h.cluster().workloadsReadyAfter(Duration.ofMillis(500)); // time enough for the knob to be seen
        Deployment d = Fixtures.deployment("web", Fixtures.KARL_IMAGE, 1);
        d.getSpec().setProgressDeadlineSeconds(1);
        d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", Labels.RELEASE, "broken"));
        Deployment stalled = h.awaitCondition(h.apply(d), "Progressing", "False");
        assertEquals(0, stalled.getStatus().getReadyReplicas());
    }

    @Test
    void aReleaseWhoseEvolveJobsFail() {
        release("bad-evolve", Map.of(SandboxKnobs.EVOLVE_RESULT, "Failed"));
        h.apply(Fixtures.pvc("prod-data", "1Gi"));
        h.awaitThat("bound", () -> h.lineage().volume(Fixtures.NS, "prod-data").isPresent());
        evolveJobOf("evolve-1", "bad-evolve");
        h.awaitThat("the Job finished", () -> h.cluster().jobRun(Fixtures.NS, "evolve-1")
                .map(r -> r.outcome() != null && r.outcome() != JobRun.Outcome.RUNNING).orElse(false));
        assertEquals(JobRun.Outcome.FAILED, h.cluster().jobRun(Fixtures.NS, "evolve-1").orElseThrow().outcome());
        assertEquals(0, h.lineage().volume(Fixtures.NS, "prod-data").orElseThrow().generation("karl"));
    }

    @Test
    void aReleaseWhoseEvolveJobsTakeLong() {
        release("slow-evolve", Map.of(SandboxKnobs.EVOLVE_SECONDS, "2"));
        h.apply(Fixtures.pvc("prod-data", "1Gi"));
        h.awaitThat("bound", () -> h.lineage().volume(Fixtures.NS, "prod-data").isPresent());
        Job job = evolveJobOf("evolve-2", "slow-evolve");
        Job done = h.await(job, "complete", j -> j.getStatus() != null && j.getStatus().getCompletionTime() != null);
        Duration took = Duration.between(Instant.parse(done.getStatus().getStartTime()),
                Instant.parse(done.getStatus().getCompletionTime()));
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "ran " + took);
        assertEquals(JobRun.Outcome.SUCCEEDED, h.cluster().jobRun(Fixtures.NS, "evolve-2").orElseThrow().outcome());
    }
}
