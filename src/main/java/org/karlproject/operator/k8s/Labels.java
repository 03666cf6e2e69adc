package org.karlproject.operator.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import org.karlproject.operator.api.Api;

/** The labels every child object carries: the recommended {@code app.kubernetes.io/*} set plus ours. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VERSION = "app.kubernetes.io/version";

    public static final String SITE = Api.GROUP + "/site";
    public static final String RELEASE = Api.GROUP + "/release";
    public static final String DATABASE = Api.GROUP + "/database";
    /**
     * The UID of the object that created this one (an EvolveRun, a ZeoDatabase): a child is adopted only when
     * it carries its creator's UID, never on its name alone (a same-named object may be another's).
     */
    public static final String OWNER_UID = Api.GROUP + "/owner-uid";

    /**
     * On a backup drill's scratch volume and verify Job (and its pods): the drill's id. A PVC carrying it is a
     * scratch volume, the only kind of volume the operator deletes on its own, and only through
     * {@link ChildWriter#deleteScratch}, which checks this label and {@link #OWNER_UID} against the drill.
     */
    public static final String DRILL = Api.GROUP + "/drill";

    /** On a snapshot or volume: what holds it (an evolve run's way back); the database never prunes it then. */
    public static final String HELD_BY = Api.GROUP + "/held-by";

    /**
     * On an EvolveRun a KarlSite created: the site's metadata.generation when it did (a run without it is a
     * manual one).
     */
    public static final String SITE_GENERATION = Api.GROUP + "/site-generation";

    public static final String OPERATOR = "karl-operator";

    private Labels() {
    }

    /** The labels of an object the operator manages: {@code name} is what it runs, {@code instance} whose it is. */
    public static Map<String, String> managed(String name, String instance, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, name);
        labels.put(INSTANCE, instance);
        labels.put(COMPONENT, component);
        labels.put(PART_OF, "karl");
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /**
     * The labels of a data object (PVC, VolumeSnapshot) created by the object with UID {@code ownerUid}: the
     * recommended set without {@code app.kubernetes.io/instance}, which GitOps tools (Argo CD's label
     * tracking) read as membership of an application and would prune; plus {@link #OWNER_UID}.
     */
    public static Map<String, String> data(String name, String component, String ownerUid) {
        Map<String, String> labels = managed(name, "", component);
        labels.remove(INSTANCE);
        if (ownerUid != null) {
            labels.put(OWNER_UID, ownerUid);
        }
        return labels;
    }

    /** The creator's UID an object carries ({@link #OWNER_UID}), or null. */
    public static String ownerUid(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata().getLabels() == null ? null : object.getMetadata().getLabels().get(OWNER_UID);
    }

    /** The site generation an EvolveRun carries ({@link #SITE_GENERATION}): set when its site created it. */
    public static Long siteGeneration(io.fabric8.kubernetes.api.model.HasMetadata run) {
        String value = run.getMetadata().getAnnotations() == null ? null
                : run.getMetadata().getAnnotations().get(SITE_GENERATION);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code object} was created by {@code creator} (same UID label; a creator without UID: never). */
    public static boolean madeBy(io.fabric8.kubernetes.api.model.HasMetadata object,
            io.fabric8.kubernetes.api.model.HasMetadata creator) {
        String uid = creator.getMetadata().getUid();
        return uid != null && uid.equals(ownerUid(object));
    }
}
