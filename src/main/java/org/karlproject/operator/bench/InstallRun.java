package org.karlproject.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.karlproject.operator.evolve.EvolveSettings;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;

/**
 * M1, the operator's side: N sites applied at once on a fresh server; the time until all are Ready, the
 * operator's requests until it has gone quiet. Keeps the lab open (converged) for the measurements that
 * start from a converged fleet.
 */
record InstallRun(FleetLab lab, int sites, long millis, Requests operatorRequests) {

    static InstallRun run(int sites, EvolveSettings evolve) {
        return run(sites, evolve, Fleet::siteObjects);
    }

    /** The same with other objects per site (M6: {@link Fleet#trainSiteObjects}). */
    static InstallRun run(int sites, EvolveSettings evolve, IntFunction<List<HasMetadata>> objects) {
        FleetLab lab = new FleetLab(evolve);
        lab.operator.start();
        lab.applyReleases();
        lab.awaitReleasesReady();
        long mark = lab.requests().mark();
        long start = System.nanoTime();
        lab.applySites(0, sites, objects);
        long end = lab.sites.await(sites, s -> Fleet.serves(s, Fleet.FIRST), timeout(sites), "to serve " + Fleet.FIRST);
        // Sites are Ready before their workers exist (created on the active release after the switch): count
        // the writes until the whole fleet has gone quiet (the operator and the simulated cluster, for longer
        // than JOSDK's first retries after a failed reconcile, 2 s then 3 s), so that the floor's object list
        // is complete and the fleet is converged.
        Await.until("the fleet to go quiet", timeout(sites), () -> SteadyBench.quietFor(lab, QUIET_MILLIS));
        Requests requests = lab.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT);
        return new InstallRun(lab, sites, (end - start) / 1_000_000, requests);
    }

    static final long QUIET_MILLIS = 5_500;

    static Duration timeout(int sites) {
        return Duration.ofSeconds(60 + sites);
    }
}
