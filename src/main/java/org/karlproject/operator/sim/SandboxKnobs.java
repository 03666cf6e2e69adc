package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.database.DatabaseObjects;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;

/**
 * Failure knobs that users of the sandbox set with kubectl, as annotations on a ReleaseIndex: only the
 * simulated cluster reads them (the operator never does), so ops can rehearse a failed release:
 * <ul>
 *   <li>{@value #EVOLVE_SECONDS}: {@code "20"}: the release's evolve Jobs run that long;</li>
 *   <li>{@value #EVOLVE_RESULT}: {@code Failed}: they fail (every attempt);</li>
 *   <li>{@value #NEVER_READY}: {@code "true"}: the release's pods never become ready;</li>
 *   <li>{@value #VERIFY_RESULT}: {@code Failed}: the release's verify Jobs report a failed check.</li>
 * </ul>
 * And on a ZeoDatabase: {@value #WRITE_AFTER_FINAL}: {@code "true"}: a writer ignores read-only, so its ZEO
 * server writes to its volume even while it runs read-only (after the final snapshot of an evolve);
 * {@value #DRILL_RESULT}: {@code Failed}: its backups would not restore soundly, so every backup drill's verify
 * Job reports a failed {@code storage} check; {@value #PACK_RESULT}: {@code Failed}: its pack Jobs fail.
 * A Job or pod belongs to a release by its {@code deploy.karlproject.org/release} label. Rules that a test
 * sets on the simulated cluster come first.
 */
final class SandboxKnobs {
    static final String PREFIX = "sandbox.karlproject.org/";
    static final String EVOLVE_SECONDS = PREFIX + "evolve-seconds";
    static final String EVOLVE_RESULT = PREFIX + "evolve-result";
    static final String NEVER_READY = PREFIX + "never-ready";
    static final String VERIFY_RESULT = PREFIX + "verify-result";
    static final String WRITE_AFTER_FINAL = PREFIX + "write-after-final";
    static final String DRILL_RESULT = PREFIX + "drill-result";
    static final String PACK_RESULT = PREFIX + "pack-result";

    private final SimContext sim;
    private SharedIndexInformer<ReleaseIndex> releases;
    private SharedIndexInformer<ZeoDatabase> databases;

    SandboxKnobs(SimContext sim) {
        this.sim = sim;
    }

    void start() {
        releases = sim.client.resources(ReleaseIndex.class).inAnyNamespace().inform();
        databases = sim.client.resources(ZeoDatabase.class).inAnyNamespace().inform();
    }

    /** Whether the verify Jobs of the release these labels name are to report a failed check. */
    boolean verifyFails(String namespace, Map<String, String> jobLabels) {
        return "Failed".equalsIgnoreCase(annotations(namespace, jobLabels).get(VERIFY_RESULT));
    }

    /** Whether a backup drill's verify Job (these labels) is to fail: its database is annotated so. */
    boolean drillFails(String namespace, Map<String, String> jobLabels) {
        return jobLabels != null && jobLabels.containsKey(Labels.DRILL) && databaseSays(namespace, jobLabels, DRILL_RESULT);
    }

    /** Whether a database's pack Job (these labels) is to fail: its database is annotated so. */
    boolean packFails(String namespace, Map<String, String> jobLabels) {
        return jobLabels != null && CheckJobContract.PACK.equals(jobLabels.get(CheckJobContract.LABEL))
                && databaseSays(namespace, jobLabels, PACK_RESULT);
    }

    /** Whether the database of a Job with these labels is annotated {@code knob: Failed}. */
    private boolean databaseSays(String namespace, Map<String, String> jobLabels, String knob) {
        String database = jobLabels.get(Labels.DATABASE);
        return database != null && databases != null && databases.getStore().list().stream()
                .filter(d -> namespace.equals(d.getMetadata().getNamespace())
                        && Names.join(Names.MAX_LABEL, d.getMetadata().getName()).equals(database))
                .anyMatch(d -> d.getMetadata().getAnnotations() != null
                        && "Failed".equalsIgnoreCase(d.getMetadata().getAnnotations().get(knob)));
    }

    /** Whether the ZEO server of this workload ({@code ns/name}) writes even while read-only. */
    boolean writesWhileReadOnly(String workload) {
        return databases != null && databases.getStore().list().stream()
                .filter(d -> workload.equals(Lineage.key(d.getMetadata().getNamespace(), DatabaseObjects.deploymentName(d))))
                .anyMatch(d -> d.getMetadata().getAnnotations() != null
                        && "true".equalsIgnoreCase(d.getMetadata().getAnnotations().get(WRITE_AFTER_FINAL)));
    }

    /** What an evolve Job of an annotated release does, if its release says. */
    Optional<JobRule> evolveRule(Job job) {
        Map<String, String> labels = Optional.ofNullable(job.getMetadata().getLabels()).orElse(Map.of());
        if (!labels.containsKey(EvolveJobContract.LABEL)) {
            return Optional.empty();
        }
        Map<String, String> knobs = annotations(job.getMetadata().getNamespace(), labels);
        boolean fails = "Failed".equalsIgnoreCase(knobs.get(EVOLVE_RESULT));
        Duration runsFor = seconds(knobs.get(EVOLVE_SECONDS));
        if (!fails && runsFor == null) {
            return Optional.empty();
        }
        return Optional.of(new JobRule(JobMatcher.anyJob(), fails ? JobRule.ALWAYS : 0, false, runsFor));
    }

    /** Whether pods with these labels run a release annotated never to become ready. */
    boolean neverReady(String namespace, Map<String, String> podLabels) {
        return "true".equalsIgnoreCase(annotations(namespace, podLabels).get(NEVER_READY));
    }

    private Map<String, String> annotations(String namespace, Map<String, String> labels) {
        String release = labels == null ? null : labels.get(Labels.RELEASE);
        if (release == null || releases == null) {
            return Map.of();
        }
        return releases.getStore().list().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace())
                        && Names.join(Names.MAX_LABEL, r.getMetadata().getName()).equals(release))
                .map(r -> r.getMetadata().getAnnotations()).filter(a -> a != null).findFirst().orElse(Map.of());
    }

    private static Duration seconds(String value) {
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
