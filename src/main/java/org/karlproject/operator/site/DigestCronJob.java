package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.Map;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.Worker;
import org.karlproject.operator.site.rollout.SiteNames;

/** The digest worker: the active revision's pod on its schedule, suspended when disabled or paused, never two at once. */
public final class DigestCronJob {

    private DigestCronJob() {
    }

    public static CronJob of(KarlSite site, PodSpec active, String schedule, boolean run) {
        Map<String, String> labels = SiteMeta.labels(site, Worker.digest.name());
        return new CronJobBuilder()
                .withMetadata(SiteMeta.of(site, SiteNames.worker(site.getMetadata().getName(), Worker.digest), labels))
                .withNewSpec().withSchedule(schedule).withTimeZone("Etc/UTC").withSuspend(!run)
                .withConcurrencyPolicy("Forbid").withSuccessfulJobsHistoryLimit(1).withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(SitePod.ofActive(active, Worker.digest.name(), false, "Never")).endTemplate().endSpec()
                .endJobTemplate().endSpec().build();
    }
}
