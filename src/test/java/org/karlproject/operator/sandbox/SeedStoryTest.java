package org.karlproject.operator.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sim.SimHarness;

/**
 * The sandbox's story, played in-process against the whole operator on the simulated cluster with the
 * samples the README points at, so that neither the story nor the samples can rot.
 */
class SeedStoryTest {

    final SimHarness h = SimHarness.start(() -> Reconcilers.all(new ReleaseRegistry(), Clock.systemUTC()));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void everyStepOfTheSeedsReleaseProcessEndsAsExpected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SeedStory story = new SeedStory(h.client(), h.cluster(), Path.of("samples"), out, Duration.ofSeconds(60),
                Clock.systemUTC());

        int exit = story.play();

        String transcript = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(transcript);
        assertEquals(0, exit, transcript);
        assertEquals(9, story.outcomes().size(), transcript);
    }
}
