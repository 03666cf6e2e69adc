package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Names;

/**
 * The {@code zeo.conf} the operator renders for a database, and the ConfigMap {@code <db>-zeo} that carries
 * it under the key {@value #KEY}. Pure: the same inputs give the same text, byte for byte, so its hash can
 * roll the ZEO Deployment exactly when the configuration changes (e.g. the read-only flip).
 */
public final class ZeoConf {

    public static final String KEY = "zeo.conf";
    public static final String DATA_DIR = "/var/lib/zeo";
    public static final String CONFIG_DIR = "/etc/zeo";

    private ZeoConf() {
    }

    /** The zeo.conf text: one FileStorage inside a blobstorage, on the data volume. */
    public static String render(int port, boolean readOnly, int invalidationQueueSize) {
        return "# Rendered by karl-operator; edits are overwritten.\n"
                + "<zeo>\n"
                + "  address 0.0.0.0:" + port + "\n"
                + "  read-only " + readOnly + "\n"
                + "  invalidation-queue-size " + invalidationQueueSize + "\n"
                + "</zeo>\n"
                + "\n"
                + "<blobstorage 1>\n"
                + "  blob-dir " + DATA_DIR + "/blobs\n"
                + "  <filestorage 1>\n"
                + "    path " + DATA_DIR + "/Data.fs\n"
                + "  </filestorage>\n"
                + "</blobstorage>\n";
    }

    /** The text for {@code db} with the effective read-only mode. */
    public static String render(ZeoDatabase db, boolean readOnly) {
        return render(db.getSpec().getPort(), readOnly, db.getSpec().getInvalidationQueueSize());
    }

    /** A short hash of the text, for the pod template annotation that restarts ZEO on change. */
    public static String hash(String text) {
        return Names.hash(text).substring(0, 16);
    }

    /** The ConfigMap {@code <db>-zeo} carrying {@code text} under {@value #KEY}. */
    public static ConfigMap of(ZeoDatabase db, String text) {
        return new ConfigMapBuilder()
                .withMetadata(DatabaseObjects.metadata(db, DatabaseObjects.configMapName(db), true))
                .withData(Map.of(KEY, text))
                .build();
    }
}
