package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.PodSecurity;
import org.karlproject.operator.site.rollout.Selectors;
import org.karlproject.operator.site.rollout.Settings;
import org.karlproject.operator.site.rollout.SiteNames;

/** The smoke-check Job of a candidate revision in one rollout attempt. */
public final class SmokeCheckJob {

    /** The rollout attempt (its start time) a smoke-check Job belongs to: an older attempt's verdict does not count. */
    public static final String ATTEMPT = Api.GROUP + "/rollout-started";

    private SmokeCheckJob() {
    }

    /**
     * The smoke check: the candidate's image runs Python to GET the path through the preview Service, a few
     * times, until it answers the expected status or the time is up. backoffLimit 0: one verdict.
     */
    public static Job of(KarlSite site, String revision, String image, String attempt) {
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
                .withNewResources().withRequests(Map.of("cpu", new Quantity("10m"),
                        "memory", new Quantity("32Mi"))).endResources()
                .build();
        Map<String, String> labels = SiteMeta.labels(site, "smoke-check");
        labels.put(Selectors.REVISION, revision);
        return new JobBuilder()
                .withMetadata(SiteMeta.of(site, SiteNames.smokeCheck(site.getMetadata().getName(), revision),
                        labels))
                .editMetadata().addToAnnotations(ATTEMPT, attempt).endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds((long) s.smokeTimeoutSeconds())
                .withTtlSecondsAfterFinished(null)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(SitePod.restricted(container, "Never").build()).endTemplate().endSpec().build();
    }

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
