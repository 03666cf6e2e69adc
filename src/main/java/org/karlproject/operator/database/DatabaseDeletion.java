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
 *   <li>{@code Snapshot}: a final snapshot of the active volume ({@code <db>-final}), cut only once ZEO runs
 *       read-only (zeo.conf {@code read-only true} rolled out, status.readOnly.active, so sites are
 *       read-only too): every committed write is in it. Once it is ready the volumes are deleted; if it
 *       fails, or a {@code <db>-final} this database did not make exists, everything is retained;</li>
 *   <li>{@code Delete}: the volumes and the operator's unheld scheduled snapshots are deleted; on-demand,
 *       final and held snapshots stay.</li>
 * </ul>
 * An event and a log line say what was kept. The workload objects go with their ownerReferences. Only
 * this database's own data is touched: volumes and snapshots carrying its UID, and the volumes its status
 * names (it adopted an evolve run's copy by switching to it); never a same-named predecessor's.
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
            if (o.foreign(snapshot)) {
                Events.warning(client, db, Provisioning.NAME_TAKEN, "VolumeSnapshot " + name + " exists and was not "
                        + "made by this ZeoDatabase; no final snapshot can be taken under that name: retaining all "
                        + "volumes instead", clock);
                return retain(db, volumes, snapshots, client, clock);
            }
            if (snapshot == null) {
                Optional<String> writable = readOnly(o, status, children);
                if (writable.isPresent()) {
                    return new Outcome(Health.progressing("FinalSnapshot", writable.get()), false);
                }
                children.create(Snapshots.build(db, name, status.getActiveVolume(), Snapshots.FINAL));
                return new Outcome(Health.progressing("FinalSnapshot", "taking the final snapshot " + name
                        + " (ZEO is read-only)"), false);
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

    /**
     * Makes ZEO read-only before the final snapshot, as an evolve does: zeo.conf says {@code read-only true},
     * the Deployment's template carries it, and that template is rolled out; the status says read-only, so
     * the sites go read-only too. Empty once that holds (or there is no ZEO at all); else what it waits for.
     */
    private static Optional<String> readOnly(Observed o, ZeoDatabaseStatus status, Children children) {
        ZeoDatabase db = o.db();
        if (o.deployment().isEmpty()) {
            return Optional.empty(); // nothing serves the volume: nothing can write
        }
        String conf = ZeoConf.render(db, true);
        children.ensure(ZeoConf.configMap(db, conf), o.configMap(), conf,
                (desired, current) -> current.setData(desired.getData()));
        var deployment = ZeoDeployment.build(db, status.getActiveVolume(), conf, true);
        children.ensure(deployment, o.deployment(), deployment.getSpec(),
                (desired, current) -> current.setSpec(desired.getSpec()));
        var readOnly = Optional.ofNullable(status.getReadOnly())
                .orElseGet(org.karlproject.operator.api.database.ReadOnlyStatus::new);
        status.setReadOnly(readOnly);
        var current = o.deployment().get();
        boolean rolledOut = Children.seenHash(current).orElse("").equals(Children.hash(deployment.getSpec()))
                && ZeoDeployment.rolledOut(current) && ZeoDeployment.templateReadOnly(current);
        if (!rolledOut) {
            return Optional.of("making ZEO read-only before the final snapshot " + Snapshots.finalName(db));
        }
        if (!Boolean.TRUE.equals(readOnly.getActive())) {
            readOnly.setActive(true);
            readOnly.setSince(o.now().toString());
        }
        return Optional.empty();
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

    /**
     * The database's volumes: made by it (its UID), or named active/previous in its status (adopted by a
     * switch) and made by the operator for it ({@link Observed#deletableVolume}). Not by the database-name
     * label alone: a deleted database of the same name left its own behind.
     */
    private static List<PersistentVolumeClaim> volumes(Observed o, ZeoDatabaseStatus status) {
        Set<String> names = new TreeSet<>();
        Optional.ofNullable(status.getActiveVolume()).ifPresent(names::add);
        status.getPreviousVolumes().forEach(p -> names.add(p.getName()));
        o.pvcs().values().stream().filter(p -> Labels.madeBy(p, o.db())).forEach(p -> names.add(p.getMetadata().getName()));
        return names.stream().map(o::deletableVolume).flatMap(Optional::stream).toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(x -> x.getMetadata().getName()).sorted().toList();
    }
}
