package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * What deleting a ZeoDatabase does to its data, per {@code spec.deletionPolicy}, run by the finalizer:
 * <ul>
 *   <li>{@code Retain} (default): volumes and snapshots stay, labelled
 *       {@code deploy.karlproject.org/orphaned=true};</li>
 *   <li>{@code Snapshot}: a final snapshot of the active volume ({@code <db>-final}); once it is ready the
 *       volumes are deleted; if it fails, everything is retained as with Retain;</li>
 *   <li>{@code Delete}: the volumes and the operator's unheld scheduled snapshots are deleted; on-demand,
 *       final and held snapshots stay.</li>
 * </ul>
 * An event and a log line say what was kept. The workload objects go with their ownerReferences.
 */
final class DatabaseDeletion {

    private static final Logger LOG = Logger.getLogger(DatabaseDeletion.class);

    /** The verdict to record, and whether the finalizer may go. */
    record Outcome(Health health, boolean done) {
    }

    private DatabaseDeletion() {
    }

    static Outcome run(Observed o, ZeoDatabaseStatus status, Children children, Clock clock) {
        KubernetesClient client = children.client();
        ZeoDatabase db = o.db();
        DeletionPolicy policy = Optional.ofNullable(db.getSpec().getDeletionPolicy()).orElse(DeletionPolicy.Retain);
        List<PersistentVolumeClaim> volumes = volumes(o, status);
        List<GenericKubernetesResource> snapshots = o.ownSnapshots();
        if (policy == DeletionPolicy.Snapshot && status.getActiveVolume() != null && o.bound(status.getActiveVolume())) {
            String name = Snapshots.finalName(db);
            GenericKubernetesResource snapshot = o.snapshots().get(name);
            if (snapshot == null) {
                children.create(Snapshots.build(db, name, status.getActiveVolume(), Snapshots.FINAL));
                return new Outcome(Health.progressing("FinalSnapshot", "taking the final snapshot " + name), false);
            }
            if (Snapshots.error(snapshot).isPresent()) {
                Events.warning(client, db, "FinalSnapshotFailed", "final snapshot " + name + " failed ("
                        + Snapshots.error(snapshot).get() + "); retaining all volumes instead", clock);
                return retain(db, volumes, snapshots, client, clock);
            }
            if (!Snapshots.ready(snapshot)) {
                return new Outcome(Health.progressing("FinalSnapshot", "waiting for the final snapshot " + name), false);
            }
        }
        if (policy == DeletionPolicy.Retain) {
            return retain(db, volumes, snapshots, client, clock);
        }
        volumes.forEach(children::delete);
        Set<String> kept = new TreeSet<>();
        for (GenericKubernetesResource snapshot : snapshots) {
            boolean scheduled = Snapshots.SCHEDULED.equals(Snapshots.label(snapshot, DatabaseObjects.BACKUP).orElse(null));
            if (policy == DeletionPolicy.Delete && scheduled && !Snapshots.held(snapshot)) {
                children.delete(snapshot);
            } else {
                kept.add(snapshot.getMetadata().getName());
            }
        }
        String message = "deletionPolicy " + policy + ": deleted volumes " + names(volumes) + "; kept snapshots " + kept;
        LOG.infof("ZeoDatabase %s/%s: %s", db.getMetadata().getNamespace(), db.getMetadata().getName(), message);
        Events.normal(client, db, "DataDeleted", message, clock);
        return new Outcome(Health.progressing("Deleted", message), true);
    }

    private static Outcome retain(ZeoDatabase db, List<PersistentVolumeClaim> volumes,
            List<GenericKubernetesResource> snapshots, KubernetesClient client, Clock clock) {
        List<HasMetadata> all = new ArrayList<>(volumes);
        all.addAll(snapshots);
        for (HasMetadata object : all) {
            if (!"true".equals(Optional.ofNullable(object.getMetadata().getLabels())
                    .map(l -> l.get(DatabaseObjects.ORPHANED)).orElse(null))) {
                client.resource(object).edit(fresh -> {
                    var labels = new HashMap<>(Optional.ofNullable(fresh.getMetadata().getLabels()).orElse(java.util.Map.of()));
                    labels.put(DatabaseObjects.ORPHANED, "true");
                    fresh.getMetadata().setLabels(labels);
                    return fresh;
                });
            }
        }
        String message = "deletionPolicy Retain: kept volumes " + names(volumes) + " and snapshots " + names(snapshots)
                + ", labelled " + DatabaseObjects.ORPHANED + "=true";
        LOG.infof("ZeoDatabase %s/%s: %s", db.getMetadata().getNamespace(), db.getMetadata().getName(), message);
        Events.normal(client, db, "DataRetained", message, clock);
        return new Outcome(Health.progressing("Deleted", message), true);
    }

    /** The database's volumes: labelled for it, or named active/previous in its status. */
    private static List<PersistentVolumeClaim> volumes(Observed o, ZeoDatabaseStatus status) {
        Set<String> names = new TreeSet<>();
        Optional.ofNullable(status.getActiveVolume()).ifPresent(names::add);
        status.getPreviousVolumes().forEach(p -> names.add(p.getName()));
        String db = o.db().getMetadata().getName();
        o.pvcs().values().stream().filter(p -> db.equals(Optional.ofNullable(p.getMetadata().getLabels())
                .map(l -> l.get(Labels.DATABASE)).orElse(null))).forEach(p -> names.add(p.getMetadata().getName()));
        return names.stream().map(o.pvcs()::get).filter(p -> p != null).toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(x -> x.getMetadata().getName()).sorted().toList();
    }
}
