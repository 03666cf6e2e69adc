package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.karlproject.operator.k8s.ChildWriter;
import org.karlproject.operator.k8s.ContentHash;
import org.karlproject.operator.k8s.Plan;

/**
 * The ZEO workload as ensure intents for {@link ChildWriter} (pure): zeo.conf, the Deployment, the Service
 * and the NetworkPolicy hold what the operator owns on them (the zeo.conf text, the Deployment's spec, the
 * Service's selector and ports, the policy's spec); a hand edit of any of it is undone. The content hash
 * ({@link ChildWriter#HASH}) is the key these children always carried, so none is rewritten for the move.
 */
final class Workload {

    private Workload() {
    }

    /** Everything ZEO needs to serve: its server ({@link #server}), then the Service and the NetworkPolicy. */
    static Plan serving(Observed o, String conf, Deployment deployment) {
        var service = ZeoService.of(o.db());
        var policy = ZeoNetworkPolicy.of(o.db());
        return server(o, conf, deployment)
                .ensure(service, o.service(), service.getSpec(), (desired, current) -> {
                    current.getSpec().setSelector(desired.getSpec().getSelector());
                    current.getSpec().setPorts(desired.getSpec().getPorts());
                })
                .ensure(policy, o.networkPolicy(), policy.getSpec(),
                        (desired, current) -> current.setSpec(desired.getSpec()));
    }

    /** zeo.conf with the text {@code conf}, and the Deployment {@code deployment} that runs it. */
    static Plan server(Observed o, String conf, Deployment deployment) {
        return Plan.none()
                .ensure(ZeoConf.of(o.db(), conf), o.configMap(), conf,
                        (desired, current) -> current.setData(desired.getData()))
                .ensure(deployment, o.deployment(), deployment.getSpec(),
                        (desired, current) -> current.setSpec(desired.getSpec()));
    }

    /** Whether the live Deployment runs {@code desired}: it carries its hash and is rolled out. */
    static boolean runs(Deployment live, Deployment desired) {
        return ChildWriter.seenHash(live).orElse("").equals(ContentHash.of(desired.getSpec()))
                && ZeoDeployment.rolledOut(live);
    }
}
