package org.karlproject.operator.sandbox;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A story: steps that each act and then wait until the cluster shows the expected outcome. It stops at
 * the first step that does not end as expected and says which one.
 */
final class Story {

    /** One step: what a person would do, and what must hold afterwards. */
    interface Step {
        void run() throws Exception;
    }

    /** How one step ended. */
    record Outcome(String title, boolean ok, Duration took, String problem) {
    }

    private final PrintStream out;
    private final Clock clock;
    private final List<Outcome> outcomes = new ArrayList<>();

    Story(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Plays {@code step} unless an earlier one failed; returns whether it ended as expected. */
    boolean step(String title, Step step) {
        if (failed()) {
            return false;
        }
        out.printf("%n==> %d. %s%n", outcomes.size() + 1, title);
        Instant start = clock.instant();
        try {
            step.run();
            outcomes.add(new Outcome(title, true, Duration.between(start, clock.instant()), null));
            return true;
        } catch (Exception | AssertionError e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            outcomes.add(new Outcome(title, false, Duration.between(start, clock.instant()), problem));
            out.printf("    FAILED: %s%n", problem);
            return false;
        }
    }

    boolean failed() {
        return outcomes.stream().anyMatch(o -> !o.ok());
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The closing summary: every step with its time, and the verdict. */
    void printSummary() {
        out.printf("%nSummary%n");
        Duration total = Duration.ZERO;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            total = total.plus(o.took());
            out.printf("  %d. %-70s %s %5.1f s%n", i + 1, o.title(), o.ok() ? "ok    " : "FAILED", o.took().toMillis() / 1000.0);
        }
        out.printf("  %-73s %5.1f s%n", failed() ? "the story did not end as expected" : "every step ended as expected",
                total.toMillis() / 1000.0);
    }
}
