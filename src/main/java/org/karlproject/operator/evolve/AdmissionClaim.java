package org.karlproject.operator.evolve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * One run per database, made atomic by the API server: before leaving Pending a run creates the claim, a
 * ConfigMap named after the database that carries the run's name and UID. A create of a name that exists
 * fails (409), so of several runs that all believe the database free (a cache that does not show the
 * others yet) exactly one gets it. The claim goes when its run ends (released by the run, or garbage
 * collected with it through its ownerReference); a claim whose run no longer exists or has finished is
 * stale and is released by the next run. Pure: no client.
 */
public final class AdmissionClaim {
    /** Component label value of the claims (their informer's selector). */
    public static final String COMPONENT = "evolve-claim";
    static final String RUN_KEY = "run";
    static final String UID_KEY = "uid";
    static final String DATABASE_KEY = "database";

    private AdmissionClaim() {
    }

    public static String name(String database) {
        return Names.join(Names.MAX_NAME, database, COMPONENT);
    }

    /** The label selector of every claim. */
    public static String selector() {
        return Labels.COMPONENT + "=" + COMPONENT + "," + Labels.MANAGED_BY + "=" + Labels.OPERATOR;
    }

    /** {@code run}'s claim on {@code database}: garbage collected with the run (its ownerReference). */
    public static ConfigMap of(EvolveRun run, String database) {
        Map<String, String> labels = Labels.data("karl-evolve", COMPONENT, run.getMetadata().getUid());
        labels.put(Labels.DATABASE, ChildNames.labelValue(database));
        labels.put(ChildNames.RUN_LABEL, ChildNames.labelValue(run.getMetadata().getName()));
        return new ConfigMapBuilder().withNewMetadata().withName(name(database))
                .withNamespace(run.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(ChildNames.owner(run))
                .endMetadata()
                .withData(Map.of(RUN_KEY, run.getMetadata().getName(), UID_KEY, run.getMetadata().getUid(),
                        DATABASE_KEY, database))
                .build();
    }

    /** Whether a ConfigMap of the claim's name is a claim (an operator-made one) at all. */
    static boolean isClaim(ConfigMap configMap) {
        return COMPONENT.equals(Optional.ofNullable(configMap.getMetadata().getLabels())
                .map(l -> l.get(Labels.COMPONENT)).orElse(null)) && holderUid(configMap) != null;
    }

    static String holderUid(ConfigMap claim) {
        return claim.getData() == null ? null : claim.getData().get(UID_KEY);
    }

    /** The database a claim is on. */
    public static String database(ConfigMap claim) {
        return claim.getData() == null ? null : claim.getData().get(DATABASE_KEY);
    }

    static String holderName(ConfigMap claim) {
        return claim.getData() == null ? "?" : claim.getData().getOrDefault(RUN_KEY, "?");
    }

    /** Whether the claim is held by {@code run}. */
    static boolean heldBy(ConfigMap claim, EvolveRun run) {
        return run.getMetadata().getUid() != null && run.getMetadata().getUid().equals(holderUid(claim));
    }
}
