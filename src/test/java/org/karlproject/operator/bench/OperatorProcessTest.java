package org.karlproject.operator.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's operator process ends when its operator cannot start: the 5,000-site M4 once waited for it
 * for good (the start's exception ended the process's main thread, and the HTTP client's threads kept its JVM
 * alive without a word to the benchmark).
 */
class OperatorProcessTest {

    @Test
    void anOperatorThatCannotStartEndsTheProcessWithItsError() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        // a guard against the hang this is about, not a measure of time: a process that answers ends in seconds
        IllegalStateException failed = assertTimeoutPreemptively(Duration.ofMinutes(4), () -> assertThrows(
                IllegalStateException.class,
                () -> OperatorProcess.run("http://127.0.0.1:" + unused + "/", 1, List.of("-Xmx256m"))));

        assertTrue(failed.getMessage().contains("error=the operator did not start"), failed.getMessage());
    }
}
