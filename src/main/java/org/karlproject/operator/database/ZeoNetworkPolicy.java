package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;

/**
 * Admits, on the ZEO port only, pods labelled {@code deploy.karlproject.org/database=<db>}: the database's
 * sites' pods and its evolve Jobs carry that label. Everything else is denied ingress to ZEO.
 */
public final class ZeoNetworkPolicy {

    private ZeoNetworkPolicy() {
    }

    public static NetworkPolicy of(ZeoDatabase db) {
        return new NetworkPolicyBuilder()
                .withMetadata(DatabaseObjects.metadata(db, DatabaseObjects.deploymentName(db), true))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(DatabaseObjects.zeoSelector(db)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().withMatchLabels(Map.of(Labels.DATABASE, DatabaseObjects.name(db)))
                .endPodSelector().endFrom()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(db.getSpec().getPort())).endPort()
                .endIngress()
                .endSpec()
                .build();
    }
}
