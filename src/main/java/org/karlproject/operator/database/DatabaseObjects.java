package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * Names, labels and metadata of everything a ZeoDatabase owns. Workload objects (Deployment, Service,
 * ConfigMap, NetworkPolicy) carry an ownerReference; data (PVCs, VolumeSnapshots) never does, so that
 * deleting the resource cannot garbage-collect data: the deletion policy decides, through the finalizer.
 */
public final class DatabaseObjects {

    public static final String APP = "zeo";
    public static final String COMPONENT = "database";
    /** Label on snapshots saying why they exist: Scheduled, OnDemand, Final, Source, Reseed. */
    public static final String BACKUP = Api.GROUP + "/backup";
    /** Label put on the data that a Retain deletion left behind. */
    public static final String ORPHANED = Api.GROUP + "/orphaned";
    public static final String BACKUP_NOW = Api.GROUP + "/backup-now";
    public static final String RESEED = Api.GROUP + "/reseed";
    /** Pod template annotation: hash of zeo.conf (a change restarts ZEO). */
    public static final String CONFIG_HASH = Api.GROUP + "/zeo-conf-hash";
    /** Pod template annotation: the read-only mode the template's zeo.conf runs with. */
    public static final String READ_ONLY = Api.GROUP + "/read-only";

    private DatabaseObjects() {
    }

    public static String name(ZeoDatabase db) {
        return db.getMetadata().getName();
    }

    public static String configMapName(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, name(db), "zeo");
    }

    public static String deploymentName(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, name(db), "zeo");
    }

    /**
     * {@code <db>-zeo}: never the bare database name, which a KarlSite's stable Service ({@code <site>}) may
     * use when a site and its database share a name (acme-staging and its database acme-staging).
     */
    public static String serviceName(ZeoDatabase db) {
        return Names.join(Names.MAX_LABEL, name(db), "zeo");
    }

    /** The first volume of a database. */
    public static String firstVolume(ZeoDatabase db) {
        return Names.join(Names.MAX_NAME, name(db), "data", "1");
    }

    /** A later volume, named after what made it (a reseed nonce). */
    public static String volumeFor(ZeoDatabase db, String nonce) {
        return Names.join(Names.MAX_NAME, name(db), "data", Names.hash(nonce).substring(0, 10));
    }

    public static String endpoint(ZeoDatabase db) {
        return serviceName(db) + "." + db.getMetadata().getNamespace() + ".svc:" + db.getSpec().getPort();
    }

    /** The labels of every object of this database; ZEO's pods carry them too. */
    public static Map<String, String> labels(ZeoDatabase db) {
        Map<String, String> labels = Labels.managed(APP, name(db), COMPONENT);
        labels.put(Labels.DATABASE, name(db));
        return labels;
    }

    /**
     * The labels of the database's data (PVCs, VolumeSnapshots): no {@code app.kubernetes.io/instance} (a
     * GitOps tool would count them as its application's and could prune them), the database's name and its
     * UID ({@link Labels#OWNER_UID}: a re-created database of the same name adopts none of them).
     */
    public static Map<String, String> dataLabels(ZeoDatabase db) {
        Map<String, String> labels = Labels.data(APP, COMPONENT, db.getMetadata().getUid());
        labels.put(Labels.DATABASE, name(db));
        return labels;
    }

    /** What selects ZEO's own pods (not the sites' pods, which carry the database label too). */
    public static Map<String, String> zeoSelector(ZeoDatabase db) {
        return Map.of(Labels.NAME, APP, Labels.INSTANCE, name(db));
    }

    /** Workload objects ({@code owned}) carry an ownerReference and {@link #labels}; data {@link #dataLabels}. */
    public static ObjectMeta metadata(ZeoDatabase db, String name, boolean owned) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name)
                .withNamespace(db.getMetadata().getNamespace()).withLabels(owned ? labels(db) : dataLabels(db));
        if (owned) {
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(db.getApiVersion())
                    .withKind(db.getKind()).withName(name(db)).withUid(db.getMetadata().getUid())
                    .withController(true).withBlockOwnerDeletion(true).build());
        }
        return meta.build();
    }
}
