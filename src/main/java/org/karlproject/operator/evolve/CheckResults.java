package org.karlproject.operator.evolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.evolve.Verification;
import org.karlproject.operator.api.evolve.VerificationCheck;

/**
 * Reads a check Job's JSON result from the termination message of its pod (only a pod the Job controls, by
 * the Job's UID). Verify: {@code {"checks":[{"name":"storage","passed":true,"detail":"..."}],"objects":n,
 * "transactions":n,"lastTransaction":"03e5..."}}; last-transaction: {@code {"lastTransaction":"03e5..."}}.
 * A message that is not such JSON is no result. Pure; backup drills read their verify Job through it too.
 */
public final class CheckResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckResults() {
    }

    /** The termination message of the Job's terminated pod, if its cache shows one. */
    public static Optional<String> message(Job job, List<Pod> pods) {
        return terminated(job, pods).map(ContainerStateTerminated::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst();
    }

    /** Whether the cache shows a pod of the Job with a terminated container (its message may be empty). */
    public static boolean ended(Job job, List<Pod> pods) {
        return terminated(job, pods).findAny().isPresent();
    }

    private static java.util.stream.Stream<ContainerStateTerminated> terminated(Job job, List<Pod> pods) {
        return pods.stream()
                .filter(p -> Optional.ofNullable(p.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), job.getMetadata().getUid())))
                .flatMap(p -> Optional.ofNullable(p.getStatus()).map(s -> s.getContainerStatuses()).orElse(List.of()).stream())
                .map(ContainerStatus::getState).filter(Objects::nonNull)
                .map(s -> s.getTerminated()).filter(Objects::nonNull);
    }

    /** The verify result; empty when the message is not one. */
    public static Optional<Verification> verification(String message) {
        return parse(message).filter(n -> n.path("checks").isArray()).map(n -> {
            Verification v = new Verification();
            n.path("checks").forEach(c -> v.getChecks().add(new VerificationCheck(c.path("name").asText(),
                    c.path("passed").asBoolean(false), c.hasNonNull("detail") ? c.path("detail").asText() : null)));
            v.setObjects(n.hasNonNull("objects") ? n.path("objects").asLong() : null);
            v.setTransactions(n.hasNonNull("transactions") ? n.path("transactions").asLong() : null);
            v.setLastTransaction(n.hasNonNull("lastTransaction") ? n.path("lastTransaction").asText() : null);
            v.setPassed(!v.getChecks().isEmpty() && v.getChecks().stream().allMatch(c -> Boolean.TRUE.equals(c.getPassed())));
            return v;
        });
    }

    /** The live storage's last transaction id; empty when the message is not such a result. */
    public static Optional<String> lastTransaction(String message) {
        return parse(message).filter(n -> n.hasNonNull("lastTransaction")).map(n -> n.path("lastTransaction").asText());
    }

    /** The message as a JSON object; empty when it is not one. */
    public static Optional<JsonNode> parse(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
