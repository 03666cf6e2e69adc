package org.karlproject.operator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.karlproject.operator.sim.Fixtures.KARL_IMAGE;
import static org.karlproject.operator.sim.Fixtures.job;
import static org.karlproject.operator.sim.JobMatcher.matching;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobSimulatorTest {
    private final SimHarness h = SimHarness.withoutOperator(List::of);

    @AfterEach
    void shutDown() {
        h.close();
    }

    @Test
    void aJobWithoutARuleSucceedsAndWhatItRanIsRecorded() {
        Job job = h.apply(job("smoke", KARL_IMAGE, "bin/smoke", "--quick").editSpec().editTemplate().editSpec()
                .editFirstContainer().withArgs("http://preview").addNewEnv().withName("MODE").withValue("fast").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build());
        Job done = h.awaitCondition(job, "Complete", "True");
        assertEquals(1, done.getStatus().getSucceeded());
        assertNotNull(done.getStatus().getStartTime());
        assertNotNull(done.getStatus().getCompletionTime());

        JobRun run = h.cluster().jobRun(Fixtures.NS, "smoke").orElseThrow();
        assertEquals(KARL_IMAGE, run.image());
        assertEquals(List.of("bin/smoke", "--quick"), run.command());
        assertEquals(List.of("http://preview"), run.args());
        assertEquals(Map.of("MODE", "fast"), run.env());
        assertEquals(JobRun.Outcome.SUCCEEDED, run.outcome());
    }

    @Test
    void rulesFailJobsByLabelNameImageOrCommand() {
        h.cluster().failJobs(matching().label("kind", "smoke"));
        h.cluster().failJobs(matching().command("bin/evolve"));
        h.apply(job("a", KARL_IMAGE, "bin/true").editMetadata().addToLabels("kind", "smoke").endMetadata().build());
        h.apply(job("b", KARL_IMAGE, "bin/evolve").build());
        h.apply(job("c", KARL_IMAGE, "bin/true").build());

        Job a = h.awaitCondition(job("a", "", "").build(), "Failed", "True");
        assertEquals("BackoffLimitExceeded", SimHarness.condition(a, "Failed").orElseThrow().get("reason"));
        assertEquals(1, a.getStatus().getFailed());
        h.awaitCondition(job("b", "", "").build(), "Failed", "True");
        h.awaitCondition(job("c", "", "").build(), "Complete", "True");
    }

    @Test
    void failNTimesThenSucceedWithinTheBackoffLimit() {
        h.cluster().failJobs(matching().namePrefix("flaky"), 2);
        h.apply(job("flaky-ok", KARL_IMAGE, "x").editSpec().withBackoffLimit(2).endSpec().build());
        h.apply(job("flaky-no", KARL_IMAGE, "x").editSpec().withBackoffLimit(1).endSpec().build());

        Job ok = h.awaitCondition(job("flaky-ok", "", "").build(), "Complete", "True");
        assertEquals(2, ok.getStatus().getFailed());
        assertEquals(1, ok.getStatus().getSucceeded());
        assertEquals(3, h.cluster().jobRun(Fixtures.NS, "flaky-ok").orElseThrow().attempts());

        Job no = h.awaitCondition(job("flaky-no", "", "").build(), "Failed", "True");
        assertEquals(2, no.getStatus().getFailed());
        assertNull(no.getStatus().getSucceeded());
    }

    @Test
    void activeDeadlineSecondsEndsAHangingJob() {
        h.cluster().hangJobs(matching().image(KARL_IMAGE));
        Job job = h.apply(job("slow", KARL_IMAGE, "x").editSpec().withActiveDeadlineSeconds(1L).endSpec().build());
        Job failed = h.awaitCondition(job, "Failed", "True");
        assertEquals("DeadlineExceeded", SimHarness.condition(failed, "Failed").orElseThrow().get("reason"));
        assertEquals(JobRun.Outcome.FAILED, h.cluster().jobRun(Fixtures.NS, "slow").orElseThrow().outcome());
    }

    @Test
    void aRuleCanSetHowLongAJobRuns() {
        h.cluster().onJobs(JobRule.succeed(matching().name("long")).after(Duration.ofMillis(1500)));
        Job slow = h.apply(job("long", KARL_IMAGE, "x").build());
        Job quick = h.apply(job("short", KARL_IMAGE, "x").build());
        h.awaitCondition(quick, "Complete", "True");
        assertNull(SimHarness.condition(h.get(slow), "Complete").orElse(null), "the long one is still running");
        assertEquals(1, h.get(slow).getStatus().getActive());
        h.awaitCondition(slow, "Complete", "True");
    }
}
