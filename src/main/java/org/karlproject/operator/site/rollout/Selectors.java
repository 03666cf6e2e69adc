package org.karlproject.operator.site.rollout;

import java.util.LinkedHashMap;
import java.util.Map;
import org.karlproject.operator.k8s.Labels;

/** The pod selectors of the site's Services: a revision of a release, or the maintenance page. */
public final class Selectors {

    /** The label carrying a release pod's revision hash. */
    public static final String REVISION = org.karlproject.operator.api.Api.GROUP + "/revision";
    public static final String RELEASE_COMPONENT = "release";
    public static final String MAINTENANCE_COMPONENT = "maintenance";

    private Selectors() {
    }

    /** The pods of one revision. */
    public static Map<String, String> revision(String site, String revision) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(Labels.SITE, site);
        selector.put(REVISION, revision);
        return selector;
    }

    /** The maintenance page's pods. */
    public static Map<String, String> maintenance(String site) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(Labels.SITE, site);
        selector.put(Labels.COMPONENT, MAINTENANCE_COMPONENT);
        return selector;
    }
}
