package org.karlproject.operator.site.rollout;

import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.k8s.Names;

/** The deterministic names of a site's children: a restarted operator finds them instead of creating them again. */
public final class SiteNames {

    private SiteNames() {
    }

    /** The immutable Deployment of one revision of a release. */
    public static String deployment(String site, String release, String revision) {
        return Names.join(Names.MAX_LABEL, site, release, revision);
    }

    /** The operator-owned, immutable copy of the site's config for one revision. */
    public static String configCopy(String site, String revision) {
        return Names.join(Names.MAX_NAME, site, "config", revision);
    }

    /** The operator-owned ConfigMap with the settings that change live (the mode). */
    public static String runtime(String site) {
        return Names.join(Names.MAX_NAME, site, "runtime");
    }

    /**
     * The stable Service: the site's traffic. Not plainly {@code <site>}: a ZeoDatabase's Service is named
     * {@code <database>}, and a site and its database are often given the same name.
     */
    public static String stableService(String site) {
        return Names.join(Names.MAX_LABEL, site);
    }

    /** The preview Service: the candidate, for the smoke check. */
    public static String previewService(String site) {
        return Names.join(Names.MAX_LABEL, site, "preview");
    }

    /** The route (Ingress or HTTPRoute) of the site's host names, to the stable Service. */
    public static String route(String site) {
        return Names.join(Names.MAX_NAME, site);
    }

    /** The route of the preview host name, to the preview Service (only while there is a candidate). */
    public static String previewRoute(String site) {
        return Names.join(Names.MAX_NAME, site, "preview");
    }

    public static String maintenance(String site) {
        return Names.join(Names.MAX_LABEL, site, "maintenance");
    }

    public static String smokeCheck(String site, String revision) {
        return Names.join(Names.MAX_LABEL, site, "smoke", revision);
    }

    /** A worker's Deployment, or the digest's CronJob (a real API server refuses CronJob names over 52). */
    public static String worker(String site, Worker worker) {
        return Names.join(worker == Worker.digest ? Names.MAX_CRONJOB : Names.MAX_LABEL, site, worker.name());
    }

    /**
     * The EvolveRun an Automatic site creates for its candidate release in one rollout attempt
     * ({@code attempt} says which): a name of its own per attempt, so a new run never meets the
     * snapshots and copy an earlier run of the same release left behind (after a data-restore rollback and
     * a roll-forward, or after that run was deleted).
     */
    public static String evolveRun(String site, String release, String attempt) {
        return Names.join(Names.MAX_NAME, site, release, Names.hash(String.valueOf(attempt)).substring(0, 6));
    }
}
