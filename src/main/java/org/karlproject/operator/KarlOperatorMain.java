package org.karlproject.operator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import org.karlproject.operator.bench.Benchmarks;
import org.karlproject.operator.cli.ValidateCommand;
import org.karlproject.operator.sandbox.SandboxCommand;

/**
 * The one entry point of the jar. It runs before Quarkus boots, so commands that must not touch a cluster
 * (such as {@code validate}, and the benchmarks, {@code bench}) run as plain Java, and {@code sandbox} can start its embedded API server
 * before pointing the operator at it; everything else starts the operator.
 *
 * <p>Do not implement {@code QuarkusApplication} anywhere: the operator SDK extension stops starting the
 * operator on its own when one exists.
 */
@QuarkusMain
public final class KarlOperatorMain {

    KarlOperatorMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("sandbox")) {
            System.exit(SandboxCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(Benchmarks.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(Benchmarks.OPERATOR_PROCESS)) {
            System.exit(Benchmarks.operatorProcess(Arrays.asList(args).subList(1, args.length), System.out));
        }
        Quarkus.run(args);
    }
}
