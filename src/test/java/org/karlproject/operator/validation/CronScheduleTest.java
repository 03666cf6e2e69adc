package org.karlproject.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * *", "0 */6 * * *", "*/15 * * * *", "30 1 * * 1-5", "0 0 1,15 * *",
        " 0 2 * * * ", "0 3 * * 0", "5 4 * * sun"})
    void acceptsFiveFieldUnixCron(String schedule) {
        assertEquals(Optional.empty(), CronSchedule.problem(schedule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0 2 * *", "0 0 2 * * ?", "61 * * * *", "0 25 * * *", "0 2 32 * *",
        "0 2 * 13 *", "0 2 * * 8", "every night", "a b c d e"})
    void rejectsAnythingElseNamingTheExpression(String schedule) {
        Optional<String> problem = CronSchedule.problem(schedule);
        assertTrue(problem.isPresent(), schedule);
        assertTrue(problem.get().startsWith("\"" + schedule + "\""), problem.get());
        assertTrue(problem.get().contains("5-field"), problem.get());
    }
}
