package org.karlproject.operator.site.rollout;

import java.util.Optional;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RolloutSpec;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SmokeCheckSpec;

/** A site's spec with every default applied, so that handlers never test for null. */
public record Settings(int replicas, SiteMode mode, int progressDeadlineSeconds, int scaleDownDelaySeconds,
        int keepReleases, String smokePath, int smokeExpectStatus, int smokeTimeoutSeconds, EvolvePolicy evolvePolicy,
        boolean allowDataRestore, String requireVerifiedIn) {

    public static Settings of(KarlSiteSpec spec) {
        RolloutSpec rollout = Optional.ofNullable(spec.getRollout()).orElseGet(RolloutSpec::new);
        SmokeCheckSpec smoke = Optional.ofNullable(rollout.getSmokeCheck()).orElseGet(SmokeCheckSpec::new);
        return new Settings(
                or(spec.getReplicas(), 1),
                Optional.ofNullable(spec.getMode()).orElse(SiteMode.Normal),
                or(rollout.getProgressDeadlineSeconds(), 600),
                or(rollout.getScaleDownDelaySeconds(), 30),
                or(rollout.getKeepReleases(), 3),
                Optional.ofNullable(smoke.getPath()).orElse("/login.html"),
                or(smoke.getExpectStatus(), 200),
                or(smoke.getTimeoutSeconds(), 30),
                spec.getEvolve() == null || spec.getEvolve().getPolicy() == null ? EvolvePolicy.Automatic
                        : spec.getEvolve().getPolicy(),
                spec.getRollback() != null && Boolean.TRUE.equals(spec.getRollback().getAllowDataRestore()),
                spec.getPromotion() == null ? null : spec.getPromotion().getRequireVerifiedIn());
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
