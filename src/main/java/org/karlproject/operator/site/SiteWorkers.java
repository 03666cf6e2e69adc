package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.PodSecurity;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.Settings;

/**
 * Builders of the workloads that are not release revisions: the maintenance page, the background workers
 * (mailin, mailout: one replica, Recreate; digest: a CronJob) and the smoke-check Job. The first three run the
 * active revision's pod with another subcommand; they are updated at the switch (handed over), unlike the
 * release Deployments.
 */
public final class SiteWorkers {

    public static final String MAILIN = "mailin";
    public static final String MAILOUT = "mailout";
    public static final String DIGEST = "digest";

    private SiteWorkers() {
    }

    /**
     * Sets the operator's annotations of {@code desired} on {@code current} and keeps every other key: other
     * owners' annotations (a GitOps tool's tracking id, {@code kubectl.kubernetes.io/restartedAt}, ...) survive
     * an update of a worker.
     */
    static void keepOthersAnnotations(HasMetadata current, HasMetadata desired) {
        Map<String, String> merged = new java.util.TreeMap<>(
                Optional.ofNullable(current.getMetadata().getAnnotations()).orElse(Map.of()));
        merged.putAll(Optional.ofNullable(desired.getMetadata().getAnnotations()).orElse(Map.of()));
        current.getMetadata().setAnnotations(merged);
    }

    /** The active revision's pod with another subcommand (and no HTTP unless it serves). */
    static PodSpec derive(PodSpec active, String subcommand, boolean http, String restartPolicy) {
        Container base = active.getContainers().get(0);
        ContainerBuilder container = new ContainerBuilder(base).withArgs(subcommand);
        if (!http) {
            container.withPorts(List.of()).withReadinessProbe(null).withLivenessProbe(null);
        }
        return new PodSpecBuilder(active).withContainers(container.build()).withRestartPolicy(restartPolicy).build();
    }

    /** The maintenance page: the active image's {@code maintenance} subcommand, selected in Maintenance mode. */
    public static Deployment maintenance(KarlSite site, PodSpec active) {
        return deployment(site, SiteNames.maintenance(site.getMetadata().getName()), Selectors.MAINTENANCE_COMPONENT,
                derive(active, "maintenance", true, "Always"), 1, false);
    }

    /** mailin or mailout: one replica (Recreate, never two at once), zero when disabled or paused. */
    public static Deployment daemon(KarlSite site, String worker, PodSpec active, boolean run) {
        return deployment(site, SiteNames.worker(site.getMetadata().getName(), worker), worker,
                derive(active, worker, false, "Always"), run ? 1 : 0, true);
    }

    private static Deployment deployment(KarlSite site, String name, String component, PodSpec pod, int replicas,
            boolean recreate) {
        Map<String, String> labels = SitePods.labels(site, component);
        Map<String, String> selector = Map.of(Labels.SITE, site.getMetadata().getName(), Labels.COMPONENT, component);
        Deployment d = new DeploymentBuilder().withMetadata(SiteObjects.meta(site, name, labels))
                .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(1)
                .withNewStrategy().withType(recreate ? "Recreate" : "RollingUpdate").endStrategy()
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
        return SiteObjects.withSpecHash(d, d.getSpec());
    }

    /** digest: on its schedule, suspended when disabled or paused, never two at once. */
    public static CronJob digest(KarlSite site, PodSpec active, String schedule, boolean run) {
        Map<String, String> labels = SitePods.labels(site, DIGEST);
        CronJob c = new CronJobBuilder()
                .withMetadata(SiteObjects.meta(site, SiteNames.worker(site.getMetadata().getName(), DIGEST), labels))
                .withNewSpec().withSchedule(schedule).withTimeZone("Etc/UTC").withSuspend(!run)
                .withConcurrencyPolicy("Forbid").withSuccessfulJobsHistoryLimit(1).withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(derive(active, DIGEST, false, "Never")).endTemplate().endSpec().endJobTemplate()
                .endSpec().build();
        return SiteObjects.withSpecHash(c, c.getSpec());
    }

    /**
     * The smoke check: the candidate's image runs Python to GET the path through the preview Service, a few
     * times, until it answers the expected status or the time is up. backoffLimit 0: one verdict.
     */
    public static Job smokeCheck(KarlSite site, String revision, String image, String attempt) {
        Settings s = Settings.of(site.getSpec());
        String url = "http://" + SiteNames.previewService(site.getMetadata().getName()) + s.smokePath();
        Container container = new ContainerBuilder().withName("smoke-check").withImage(image)
                .withCommand("python", "-c", SMOKE_SCRIPT)
                .addNewEnv().withName("SMOKE_URL").withValue(url).endEnv()
                .addNewEnv().withName("SMOKE_EXPECT_STATUS").withValue(String.valueOf(s.smokeExpectStatus())).endEnv()
                .addNewEnv().withName("SMOKE_TIMEOUT_SECONDS").withValue(String.valueOf(s.smokeTimeoutSeconds()))
                .endEnv()
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withNewResources().withRequests(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"),
                        "memory", new io.fabric8.kubernetes.api.model.Quantity("32Mi"))).endResources()
                .build();
        Map<String, String> labels = SitePods.labels(site, "smoke-check");
        labels.put(Selectors.REVISION, revision);
        return new JobBuilder()
                .withMetadata(SiteObjects.meta(site, SiteNames.smokeCheck(site.getMetadata().getName(), revision),
                        labels))
                .editMetadata().addToAnnotations(ATTEMPT, attempt).endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds((long) s.smokeTimeoutSeconds())
                .withTtlSecondsAfterFinished(null)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(SitePods.podSpec(container, "Never").build()).endTemplate().endSpec().build();
    }

    /** The rollout attempt (its start time) a smoke-check Job belongs to: an older attempt's verdict does not count. */
    public static final String ATTEMPT = org.karlproject.operator.api.Api.GROUP + "/rollout-started";

    static final String SMOKE_SCRIPT = String.join("\n",
            "import os, sys, time, urllib.request, urllib.error",
            "url = os.environ['SMOKE_URL']",
            "expect = int(os.environ['SMOKE_EXPECT_STATUS'])",
            "end = time.time() + int(os.environ['SMOKE_TIMEOUT_SECONDS'])",
            "last = None",
            "while time.time() < end:",
            "    try:",
            "        status = urllib.request.urlopen(url, timeout=5).status",
            "    except urllib.error.HTTPError as e:",
            "        status = e.code",
            "    except Exception as e:",
            "        status = repr(e)",
            "    if status == expect:",
            "        print('smoke check passed: GET %s -> %s' % (url, status))",
            "        sys.exit(0)",
            "    last = status",
            "    time.sleep(3)",
            "print('smoke check failed: GET %s -> %s, expected %s' % (url, last, expect))",
            "sys.exit(1)");
}
