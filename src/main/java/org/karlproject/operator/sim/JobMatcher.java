package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which Jobs a {@link JobRule} applies to: {@code matching().label("app", "evolve").image("karl@sha256:...")}.
 * All conditions must hold.
 */
public final class JobMatcher implements Predicate<Job> {
    private final Predicate<Job> predicate;

    private JobMatcher(Predicate<Job> predicate) {
        this.predicate = predicate;
    }

    /** Every Job; narrow it with the methods below. */
    public static JobMatcher matching() {
        return new JobMatcher(job -> true);
    }

    public static JobMatcher anyJob() {
        return matching();
    }

    public JobMatcher label(String key, String value) {
        return where(job -> value.equals(labels(job).get(key)));
    }

    public JobMatcher name(String name) {
        return where(job -> name.equals(job.getMetadata().getName()));
    }

    public JobMatcher namePrefix(String prefix) {
        return where(job -> job.getMetadata().getName().startsWith(prefix));
    }

    /** A container of the Job runs exactly this image. */
    public JobMatcher image(String image) {
        return where(job -> containers(job).anyMatch(c -> image.equals(c.getImage())));
    }

    /** A container's command or args contain this word. */
    public JobMatcher command(String word) {
        return where(job -> containers(job).anyMatch(c -> Stream.concat(list(c.getCommand()), list(c.getArgs()))
                .anyMatch(word::equals)));
    }

    public JobMatcher where(Predicate<Job> more) {
        return new JobMatcher(predicate.and(more));
    }

    @Override
    public boolean test(Job job) {
        return predicate.test(job);
    }

    static Map<String, String> labels(Job job) {
        return Optional.ofNullable(job.getMetadata().getLabels()).orElse(Map.of());
    }

    static Stream<Container> containers(Job job) {
        return Optional.ofNullable(job.getSpec()).map(s -> s.getTemplate()).map(t -> t.getSpec())
                .map(s -> s.getContainers()).orElse(List.of()).stream().filter(Objects::nonNull);
    }

    private static Stream<String> list(List<String> values) {
        return values == null ? Stream.empty() : values.stream();
    }
}
