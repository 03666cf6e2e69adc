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
}
