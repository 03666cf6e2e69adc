package org.karlproject.operator.bench;

/** The fixed parts of {@code docs/benchmarks.md}: what is measured, how, and what the figures mean. */
final class BenchText {
    private BenchText() {
    }

    static final String HEADER = """
            # Benchmarks

            <!-- Written by `java -jar target/quarkus-app/quarkus-run.jar bench ...`; do not edit by hand. -->

            What the figures mean, where targets are missed and why: [benchmarks-analysis.md](benchmarks-analysis.md)
            (hand-written, for the recorded run).

            The operator at fleet scale, on the simulated cluster (issue 10). **Read the ratios, not the absolute
            times**: the API server is the Fabric8 mock server, which matches each list, get and write against
            every stored object of the requested resource (the simulator indexes its store by resource,
            `sim/PluralIndex`; the mock server alone scans every object of every kind) on one event-loop thread,
            and takes one lock per write; a real kube-apiserver with etcd behaves differently (ranges read by key,
            slower durable writes). A watch starts from the resourceVersion it asks for, as on a real server
            (`sim/WatchTracker`; the mock server alone sends every stored object again when a watch opens, so an
            informer received each object twice). The simulated cluster answers
            at once (Deployments ready, PVCs bound, snapshots ready and Jobs finished with no delay), so times are
            the operator's and the server's work, not invented delays. Everything (server, simulated cluster,
            operator, the floor) shares the same 2 cores, and other engineers' builds ran on the machine too: the
            load average is recorded below.

            ## What is measured

            | | measurement | how |
            | --- | --- | --- |
            | M1 | fleet install | N KarlSites, each with its ZeoDatabase, on three shared ReleaseIndexes (Ready first), applied at once on 50 threads; until all are Ready and Stable. **The floor**: on a fresh server of the same kind (simulated cluster running), the same user applies, then a bare Fabric8 client makes, per site on 50 threads (JOSDK's reconcile threads), exactly the writes derived from the operator's own run: one create per object the operator created that still exists (read back from the server, metadata reduced to what a creator sets), one finalizer patch per custom resource the operator patched, one status write (the final status) per custom resource whose status the operator wrote. So the floor has no intermediate statuses, no retries, no 409s and no transient objects. |
            | M2 | steady state | after M1's last run: an operator restart (fresh caches: every resource reconciled again) and an idle period; writes by the operator's user agent (leases aside: the plain runner has no leader election). The same property is a test in the suite: `bench/SteadyStateScenarioTest` (5 sites). |
            | M3 | cold start | a converged fleet at each size of `--cold-sites` (the next size installed by the benchmark's own operator); a **new JVM** (`bench-operator`, the same jar, JVM options of `--operator-jvm`) runs the operator against the benchmark's server; "all reconciled" = every custom resource has finished one reconcile (JOSDK metrics hook). JVM start to `main` is reported separately. The objects its informers stored by then (list items and watch events) and the cache entries against the distinct objects they hold (`LeanStore`'s counters): how many informers decoded each object. |
            | M4 | memory | the operator in its own JVM (as M3) against a fleet of growing size: heap used after `System.gc()` (repeated until it stops shrinking) and RSS from `/proc/self/status`; the mock server's and simulated cluster's memory stay in the benchmark's JVM and are not counted. `--operator-jvm chart`: the Helm chart's JVM defaults in the memory limit docs/install.md gives the fleet's size (`-XX:MaxRAM`: 512m up to 1,000 sites, 768m to 2,500, 1536m to 5,000). |
            | M5 | reaction latency | from the API server's request log (arrival times): a site's `spec.release` write to the operator's first create for that release (Deployment or EvolveRun); and each EvolveRun status write from the latest event that finished its phase (a child's status written by the simulated cluster, or the database's status written by the operator). Idle: probes one at a time; burst: during an M1 burst. Why a reaction waits: each reconcile's wait in JOSDK's executor queue, from its submission to its start (JOSDK's metrics hook), idle and during the burst, all reconciles and the probes' own. |
            | M6 | a train of N sites | one ReleaseTrain selects the fleet's N sites (production, labelled for it) and moves them to a release that needs an evolve (policy Automatic): a canary of one, then waves of `--wave` sites (default 10%), each baking `--bake` seconds (default 5), with `karl.evolve.max-concurrent`; total time from the train's creation until it is Succeeded; peaks sampled every 5 ms: read-only ZEO servers (simulated cluster) and runs past Pending (informer; the server's list every 50 ms); from the train's rows (whole seconds) and the sites' `status.switchedAt`: sites started before the previous wave's bake ended, and waves that finished less than the bake after their last switch (both must be 0); the train's size as JSON at N sites. |
            """;

    static final String FOOTER = """

            ## How to reproduce

            ```
            mvn -B package -DskipTests
            java -jar target/quarkus-app/quarkus-run.jar bench                     # small, for development
            java -Xmx12g -jar target/quarkus-app/quarkus-run.jar bench --sites 500 --cold-sites 1000,5000 \\
                --memory-sites 0,1000,5000 --idle 300 --runs 3 --train-runs 1 --operator-jvm chart   # the issue's sizes
            java -jar target/quarkus-app/quarkus-run.jar bench --only M1 --sites 100 --out -   # one figure, no file
            ```

            `bench` is plain Java started before Quarkus (like `validate` and `sandbox`); it is not part of
            `mvn verify`, and no test asserts a time. `-Xmx12g` gives the benchmark's own JVM (server, simulated
            cluster, the fleet's operator) headroom at 5,000 sites beyond the default quarter of the machine's
            memory (6 GiB here, which held M4 at 5,000 alone). Options: `--sites`, `--runs`, `--only`, `--idle`,
            `--cold-sites`, `--memory-sites`, `--max-evolve`, `--bake`, `--wave`, `--probes`, `--operator-jvm`,
            `--train-runs`, `--out` (run `bench --help`).
            The code is in `org.karlproject.operator.bench`.
            """;
}
