package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * The maintenance page: the active image's {@code maintenance} subcommand, selected by the stable Service in
 * Maintenance mode. Handed over to the new active release at the switch (unlike a release Deployment).
 */
public final class MaintenancePage {

    private MaintenancePage() {
    }

    public static Deployment of(KarlSite site, PodSpec active) {
        return WorkerDeployment.of(site, SiteNames.maintenance(site.getMetadata().getName()),
                Selectors.MAINTENANCE_COMPONENT, SitePod.ofActive(active, "maintenance", true, "Always"), 1, false);
    }
}
