package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * The deterministic names and the labels of everything an evolve run creates. The same run always yields
 * the same names, so a restarted operator finds its children instead of creating them again.
 */
public final class ChildNames {

    /** Component label value of every child of an evolve run. */
    public static final String COMPONENT = "evolve";
    /** The evolve run a child belongs to (also the harness's lineage contract for the evolve Job). */
    public static final String RUN_LABEL = Api.GROUP + "/evolve-run";
    /**
     * The check Jobs (verify, last-transaction) and their pods carry it, with the check's name: the run's Pod
     * informer selects on it (it reads the checks' termination messages), and the simulated cluster tells
     * them from the evolve Job by it.
     */
    public static final String CHECK_LABEL = Api.GROUP + "/evolve-check";
    public static final String VERIFY_CHECK = "verify";
    public static final String LAST_TRANSACTION_CHECK = "last-transaction";
    /** A restored copy kept after a failed run, for inspection. */
    public static final String INSPECT_LABEL = Api.GROUP + "/inspect";

    private ChildNames() {
    }

    public static String baseSnapshot(String run) {
        return Names.join(Names.MAX_NAME, run, "base");
    }

    public static String finalSnapshot(String run) {
        return Names.join(Names.MAX_NAME, run, "final");
    }

    public static String restoredVolume(String run) {
        return Names.join(Names.MAX_NAME, run, "evolved");
    }

    /** A DNS label: the Job's name becomes its pods' {@code job-name} label. */
    public static String job(String run) {
        return Names.join(Names.MAX_LABEL, run, "evolve");
    }

    /** The verify Job: a DNS label, like {@link #job}. */
    public static String verifyJob(String run) {
        return Names.join(Names.MAX_LABEL, run, "verify");
    }

    /** The Job that asks the read-only ZEO for the live storage's last transaction. */
    public static String lastTransactionJob(String run) {
        return Names.join(Names.MAX_LABEL, run, "last-txn");
    }

    /** Every child name of a run, to map a child back to its run without relying on (cut) label values. */
    public static List<String> all(String run) {
        return List.of(baseSnapshot(run), finalSnapshot(run), restoredVolume(run), job(run), verifyJob(run),
                lastTransactionJob(run));
    }

    /** A label value: cut to 63 characters with a hash suffix when longer. */
    public static String labelValue(String value) {
        return Names.join(Names.MAX_LABEL, value);
    }

    /**
     * The labels every child carries: the recommended set, the run, its UID ({@link Labels#OWNER_UID}), its
     * database, site and release.
     */
    public static Map<String, String> labels(EvolveRun run, String database) {
        String name = run.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>(Labels.managed("karl-evolve", labelValue(name), COMPONENT));
        return with(labels, run, database);
    }

    /**
     * The labels of the run's data (snapshots, the restored PVC): as {@link #labels} without
     * {@code app.kubernetes.io/instance}, which GitOps tools read as membership of an application.
     */
    public static Map<String, String> dataLabels(EvolveRun run, String database) {
        return with(Labels.data("karl-evolve", COMPONENT, run.getMetadata().getUid()), run, database);
    }

    private static Map<String, String> with(Map<String, String> labels, EvolveRun run, String database) {
        String name = run.getMetadata().getName();
        if (run.getMetadata().getUid() != null) {
            labels.put(Labels.OWNER_UID, run.getMetadata().getUid());
        }
        labels.put(RUN_LABEL, labelValue(name));
        labels.put(Labels.DATABASE, labelValue(database));
        labels.put(Labels.SITE, labelValue(run.getSpec().getSite()));
        labels.put(Labels.RELEASE, labelValue(run.getSpec().getRelease()));
        return labels;
    }

    /** The label selector of the run's children, for the informers. */
    public static String selector() {
        return Labels.COMPONENT + "=" + COMPONENT + "," + Labels.MANAGED_BY + "=" + Labels.OPERATOR;
    }

    /** The run as the controlling owner of a child that goes with it (the Job, the claim; never data). */
    public static OwnerReference owner(EvolveRun run) {
        return new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind(run.getKind())
                .withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }

    public static String heldBy(String run) {
        return labelValue("evolverun." + run);
    }
}
