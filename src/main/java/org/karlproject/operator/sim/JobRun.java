package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Job ran, as the simulated cluster saw it when the Job appeared: its first container's image,
 * command, args and literal env values, and the PVCs its pods mount. {@code outcome} is filled in as the Job
 * finishes.
 */
public record JobRun(String namespace, String name, Map<String, String> labels, String image, List<String> command,
        List<String> args, Map<String, String> env, List<String> claims, Outcome outcome, int attempts) {

    public enum Outcome { RUNNING, SUCCEEDED, FAILED }

    static JobRun of(Job job) {
        Container c = JobMatcher.containers(job).findFirst().orElse(new Container());
        Map<String, String> env = new LinkedHashMap<>();
        Optional.ofNullable(c.getEnv()).orElse(List.of())
                .forEach(e -> env.put(e.getName(), Objects.requireNonNullElse(e.getValue(), "")));
        List<String> claims = Optional.ofNullable(job.getSpec().getTemplate().getSpec().getVolumes()).orElse(List.of())
                .stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(Volume::getPersistentVolumeClaim).map(p -> p.getClaimName()).toList();
        return new JobRun(job.getMetadata().getNamespace(), job.getMetadata().getName(),
                Map.copyOf(JobMatcher.labels(job)), c.getImage(),
                List.copyOf(Optional.ofNullable(c.getCommand()).orElse(List.of())),
                List.copyOf(Optional.ofNullable(c.getArgs()).orElse(List.of())), Map.copyOf(env),
                List.copyOf(claims), Outcome.RUNNING, 0);
    }

    JobRun finished(Outcome result, int attemptCount) {
        return new JobRun(namespace, name, labels, image, command, args, env, claims, result, attemptCount);
    }

    /** The value of one env var, if the container sets it literally. */
    public Optional<String> envValue(String key) {
        return Optional.ofNullable(env.get(key));
    }

}
