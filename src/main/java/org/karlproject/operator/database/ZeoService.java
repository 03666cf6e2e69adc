package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.karlproject.operator.api.database.ZeoDatabase;

/** The ClusterIP Service {@code <db>} on the ZEO port, selecting the database's ZEO pod. */
public final class ZeoService {

    private ZeoService() {
    }

    public static Service of(ZeoDatabase db) {
        int port = db.getSpec().getPort();
        return new ServiceBuilder()
                .withMetadata(DatabaseObjects.metadata(db, DatabaseObjects.serviceName(db), true))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(DatabaseObjects.zeoSelector(db))
                .addNewPort().withName("zeo").withProtocol("TCP").withPort(port).withTargetPort(new IntOrString(port))
                .endPort()
                .endSpec()
                .build();
    }
}
