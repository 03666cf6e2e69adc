/**
 * The simulated cluster: an embedded API server plus a stand-in for kubelet, the built-in controllers and
 * CSI, so that reconcilers can be run end to end on a machine without Kubernetes. Shared by the scenario
 * tests, the sandbox and the benchmarks; see {@code docs/development.md}.
 *
 * <ol>
 *   <li>{@link org.karlproject.operator.sim.ApiServer} starts the Fabric8 mock server (CRUD mode, loopback),
 *       installs the CRDs, records every request ({@link org.karlproject.operator.sim.RequestLog}) and
 *       applies injected faults ({@link org.karlproject.operator.sim.Faults}).</li>
 *   <li>{@link org.karlproject.operator.sim.SimulatedCluster} watches it with its own client and advances
 *       status as the real controllers do (a Deployment through its intermediate rollout statuses), Jobs
 *       finished, PVCs bound, snapshots ready, Ingresses and HTTPRoutes admitted; it keeps the data {@link org.karlproject.operator.sim.Lineage}
 *       and checks the data-safety invariants on every change ({@code Invariants}).</li>
 *   <li>{@link org.karlproject.operator.sim.OperatorRunner} runs the reconcilers in a plain JOSDK operator,
 *       and stops and restarts it on the same stored state.</li>
 *   <li>{@link org.karlproject.operator.sim.SimHarness} bundles the three for a scenario, with narration
 *       and waits.</li>
 * </ol>
 */
package org.karlproject.operator.sim;
