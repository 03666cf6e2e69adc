package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;

/**
 * The EvolveRun {@code name} an Automatic site creates for its candidate (owned by the site, not controlled
 * by it: the data's controller is the run itself), stamped with the site's generation
 * ({@link Labels#SITE_GENERATION}).
 */
public final class SiteEvolveRun {

    private SiteEvolveRun() {
    }

    public static EvolveRun of(KarlSite site, String release, String name) {
        EvolveRun run = new EvolveRun();
        ObjectMeta meta = SiteMeta.of(site, name, SiteMeta.labels(site, "evolve"));
        meta.getOwnerReferences().forEach(o -> o.setController(false));
        meta.setAnnotations(new LinkedHashMap<>(Map.of(Labels.SITE_GENERATION,
                String.valueOf(site.getMetadata().getGeneration()))));
        run.setMetadata(meta);
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite(site.getMetadata().getName());
        spec.setRelease(release);
        if (site.getSpec().getEvolve() != null && site.getSpec().getEvolve().getReadOnlyBudgetSeconds() != null) {
            spec.setReadOnlyBudgetSeconds(site.getSpec().getEvolve().getReadOnlyBudgetSeconds());
        }
        run.setSpec(spec);
        return run;
    }
}
