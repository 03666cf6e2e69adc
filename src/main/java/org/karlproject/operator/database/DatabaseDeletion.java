package org.karlproject.operator.database;

import org.karlproject.operator.k8s.CsiSnapshots;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.karlproject.operator.api.database.BackupTrigger;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Plan;
import org.karlproject.operator.reconcile.Decision;
import org.karlproject.operator.status.Events;
import org.karlproject.operator.status.Health;

/**
 * What deleting a ZeoDatabase does to its data, per {@code spec.deletionPolicy}, run by the finalizer:
 * <ul>
 *   <li>{@code Retain} (default): volumes and snapshots stay, labelled
 *       {@code deploy.karlproject.org/orphaned=true};</li>
 *   <li>{@code Snapshot}: a final snapshot of the active volume ({@code <db>-final}), cut only once ZEO runs
 *       read-only (zeo.conf {@code read-only true} rolled out, status.readOnly.active, so sites are
 *       read-only too): every committed write is in it. ZEO's last transaction is asked just before the cut
 *       and again once the snapshot is ready ({@link FinalCheck}); only if both are equal are the volumes
 *       deleted. If they differ, a check fails, the snapshot fails, or a {@code <db>-final} this database did
 *       not make exists, everything is retained;</li>
 *   <li>{@code Delete}: the volumes and the operator's unheld scheduled snapshots are deleted; on-demand,
 *       final and held snapshots stay.</li>
 * </ul>
 * Decided purely ({@link #decide}); the reconciler records the decision ({@code StatusWriter.record}: the
 * events first) and carries out its plan with the one child writer. An event and a log line say what was kept. The workload objects go with their ownerReferences. Only
 * this database's own data is touched: volumes and snapshots carrying its UID, and the volumes its status
 * names (it adopted an evolve run's copy by switching to it); never a same-named predecessor's. A backup
 * drill's scratch volumes are not data: they are deleted whatever the policy.
 */
final class DatabaseDeletion {

    /** The decision to record and carry out, and whether the finalizer may go once it is. */
    record Outcome(Decision<ZeoDatabaseStatus> decision, boolean done) {
    }

    private DatabaseDeletion() {
    }

    /**
     * What the finalizer records and does now (pure): see the class comment. Whatever the policy, a backup
     * drill's scratch volumes of this database are deleted (only through {@code deleteScratch}): each is a
     * throwaway copy of a backup, which the policy keeps or not like any other snapshot.
     */
    static Outcome decide(Observed o, ZeoDatabaseStatus status) {
        Outcome data = decideData(o, status);
        List<PersistentVolumeClaim> scratch = o.pvcs().values().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> DrillObjects.drillOf(p).filter(id -> DrillObjects.scratchOf(p, o.db(), id)).isPresent())
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
        if (scratch.isEmpty()) {
            return data;
        }
        Decision<ZeoDatabaseStatus> d = data.decision();
        Plan plan = d.plan();
        scratch.forEach(p -> plan.deleteScratch(p, o.db().getMetadata().getUid(), DrillObjects.drillOf(p).orElseThrow()));
        List<Events.Note> events = new ArrayList<>(d.events());
        events.add(Events.Note.normal("ScratchVolumeDeleted", "deleted the backup drill's scratch volume(s) "
                + names(scratch) + " (restored copies of a backup; the backup itself follows deletionPolicy)"));
        return new Outcome(new Decision<>(d.status(), d.health(), events, plan, d.recheck(), d.passing()), data.done());
    }

    private static Outcome decideData(Observed o, ZeoDatabaseStatus status) {
        ZeoDatabase db = o.db();
        DeletionPolicy policy = Optional.ofNullable(db.getSpec().getDeletionPolicy()).orElse(DeletionPolicy.Retain);
        List<PersistentVolumeClaim> volumes = volumes(o, status);
        List<GenericKubernetesResource> snapshots = o.ownSnapshots();
        if (policy == DeletionPolicy.Snapshot && status.getActiveVolume() != null && o.bound(status.getActiveVolume())) {
            String name = Snapshots.finalName(db);
            GenericKubernetesResource snapshot = o.snapshots().get(name);
            if (o.foreign(snapshot)) {
                return retain(status, volumes, snapshots, Events.Note.warning(Provisioning.NAME_TAKEN, "VolumeSnapshot "
                        + name + " exists and was not made by this ZeoDatabase; no final snapshot can be taken under "
                        + "that name: retaining all volumes instead"));
            }
            if (snapshot == null) {
                Plan readOnly = Plan.none();
                Optional<String> writable = readOnly(o, status, readOnly);
                if (writable.isPresent()) {
                    return waiting(status, writable.get(), readOnly);
                }
                // the last-transaction check, before the cut (FinalCheck); no ZEO server: nothing could write
                if (o.deployment().isPresent()) {
                    FinalCheck.Step before = FinalCheck.before(o, status);
                    if (before.retain().isPresent()) {
                        return retain(status, volumes, snapshots, before.retain().get());
                    }
                    if (before.waiting().isPresent()) {
                        return waiting(status, before.waiting().get(), readOnly.and(before.plan()));
                    }
                }
                return waiting(status, "taking the final snapshot " + name + " (ZEO is read-only)",
                        readOnly.create(Snapshots.of(db, name, status.getActiveVolume(), BackupTrigger.Final)));
            }
            if (CsiSnapshots.error(snapshot).isPresent()) {
                return retain(status, volumes, snapshots, Events.Note.warning("FinalSnapshotFailed", "final snapshot "
                        + name + " failed (" + CsiSnapshots.error(snapshot).get() + "); retaining all volumes instead"));
            }
            if (!CsiSnapshots.ready(snapshot)) {
                return waiting(status, "waiting for the final snapshot " + name, Plan.none());
            }
            // the last-transaction check, after the cut: equal to the one before, or everything is retained
            if (status.getFinalCheck() != null && status.getFinalCheck().getLastTransactionBefore() != null) {
                FinalCheck.Step after = FinalCheck.after(o, status);
                if (after.retain().isPresent()) {
                    return retain(status, volumes, snapshots, after.retain().get());
                }
                if (after.waiting().isPresent()) {
                    return waiting(status, after.waiting().get(), after.plan());
                }
            }
        }
        if (policy == DeletionPolicy.Retain) {
            return retain(status, volumes, snapshots);
        }
        Plan plan = Plan.none();
        volumes.forEach(plan::delete);
        Set<String> kept = new TreeSet<>();
        for (GenericKubernetesResource snapshot : snapshots) {
            if (policy == DeletionPolicy.Delete && Snapshots.scheduled(snapshot) && !CsiSnapshots.held(snapshot)) {
                plan.delete(snapshot);
            } else {
                kept.add(snapshot.getMetadata().getName());
            }
        }
        String message = "deletionPolicy " + policy + ": deleted volumes " + names(volumes) + "; kept snapshots " + kept;
        return done(status, message, List.of(Events.Note.normal("DataDeleted", message)), plan);
    }

    /**
     * Makes ZEO read-only before the final snapshot, as an evolve does: zeo.conf says {@code read-only true},
     * the Deployment's template carries it, and that template is rolled out; the status says read-only, so
     * the sites go read-only too. Empty once that holds (or there is no ZEO at all); else what it waits for.
     * The ensures go into {@code plan}.
     */
    private static Optional<String> readOnly(Observed o, ZeoDatabaseStatus status, Plan plan) {
        ZeoDatabase db = o.db();
        if (o.deployment().isEmpty()) {
            return Optional.empty(); // nothing serves the volume: nothing can write
        }
        String conf = ZeoConf.render(db, true);
        var deployment = ZeoDeployment.of(db, status.getActiveVolume(), conf, true);
        plan.and(Workload.server(o, conf, deployment));
        var readOnly = Optional.ofNullable(status.getReadOnly()).orElseGet(ReadOnlyStatus::new);
        status.setReadOnly(readOnly);
        var current = o.deployment().get();
        if (!Workload.runs(current, deployment) || !ZeoDeployment.templateReadOnly(current)) {
            return Optional.of("making ZEO read-only before the final snapshot " + Snapshots.finalName(db));
        }
        if (!Boolean.TRUE.equals(readOnly.getActive())) {
            readOnly.setActive(true);
            readOnly.setSince(o.now().toString());
        }
        return Optional.empty();
    }

    /** Keeps every volume and snapshot, labelled orphaned (those not labelled yet), after {@code first}'s events. */
    private static Outcome retain(ZeoDatabaseStatus status, List<PersistentVolumeClaim> volumes,
            List<GenericKubernetesResource> snapshots, Events.Note... first) {
        List<HasMetadata> all = new ArrayList<>(volumes);
        all.addAll(snapshots);
        Plan plan = Plan.none();
        for (HasMetadata object : all) {
            if (!"true".equals(Optional.ofNullable(object.getMetadata().getLabels())
                    .map(l -> l.get(DatabaseObjects.ORPHANED)).orElse(null))) {
                plan.edit(object, DatabaseDeletion::orphaned);
            }
        }
        String message = "deletionPolicy Retain: kept volumes " + names(volumes) + " and snapshots " + names(snapshots)
                + ", labelled " + DatabaseObjects.ORPHANED + "=true";
        List<Events.Note> events = new ArrayList<>(List.of(first));
        events.add(Events.Note.normal("DataRetained", message));
        return done(status, message, events, plan);
    }

    private static HasMetadata orphaned(HasMetadata fresh) {
        Map<String, String> labels = new HashMap<>(Optional.ofNullable(fresh.getMetadata().getLabels()).orElse(Map.of()));
        labels.put(DatabaseObjects.ORPHANED, "true");
        fresh.getMetadata().setLabels(labels);
        return fresh;
    }

    private static Outcome waiting(ZeoDatabaseStatus status, String message, Plan plan) {
        return new Outcome(new Decision<>(status, Health.progressing("FinalSnapshot", message), List.of(), plan,
                Optional.empty()), false);
    }

    private static Outcome done(ZeoDatabaseStatus status, String message, List<Events.Note> events, Plan plan) {
        return new Outcome(new Decision<>(status, Health.progressing("Deleted", message), events, plan,
                Optional.empty()), true);
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
        o.pvcs().values().stream().filter(p -> Labels.madeBy(p, o.db()) && DrillObjects.drillOf(p).isEmpty())
                .forEach(p -> names.add(p.getMetadata().getName()));
        return names.stream().map(o::deletableVolume).flatMap(Optional::stream).toList();
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(x -> x.getMetadata().getName()).sorted().toList();
    }
}
