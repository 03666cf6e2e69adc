package org.karlproject.operator;

import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;
import org.karlproject.operator.database.ZeoDatabaseReconciler;
import org.karlproject.operator.evolve.EvolveRunReconciler;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.release.ReleaseIndexReconciler;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.site.KarlSiteReconciler;
import org.karlproject.operator.train.ReleaseTrainReconciler;

/**
 * The whole operator as plain objects, for running it outside Quarkus (scenario tests, the in-process
 * sandbox story, benchmarks). In the application, Quarkus builds the same five reconcilers as beans.
 */
public final class Reconcilers {

    private Reconcilers() {
    }

    /** Fresh instances of the five reconcilers, publishing release indexes to {@code registry}. */
    public static List<Reconciler<?>> all(ReleaseRegistry registry, Clock clock) {
        return all(registry, clock, EvolveSettings.DEFAULTS);
    }

    /** The same, with these evolve settings (e.g. a limit on concurrent runs). */
    public static List<Reconciler<?>> all(ReleaseRegistry registry, Clock clock, EvolveSettings evolve) {
        return List.of(new ReleaseIndexReconciler(registry, clock), new ZeoDatabaseReconciler(clock),
                new EvolveRunReconciler(clock, evolve), new KarlSiteReconciler(clock),
                new ReleaseTrainReconciler(clock));
    }
}
