package org.karlproject.operator.gitops;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small reader of kstatus (sigs.k8s.io/cli-utils/pkg/kstatus), the rules that Flux's {@code wait} and
 * health checks and {@code kubectl wait --for=condition=Ready} users rely on, for custom resources:
 * <ol>
 *   <li>a deletionTimestamp: Terminating;
 *   <li>{@code status.observedGeneration} (an int64; present but not an integer is an error) differing
 *       from {@code metadata.generation}: InProgress;
 *   <li>a condition {@code Reconciling=True}: InProgress; {@code Stalled=True}: Failed (abnormal-true
 *       conditions, absent when all is well);
 *   <li>otherwise Current (also when there is no status at all: kstatus cannot tell "not reconciled
 *       yet" from "has no status").
 * </ol>
 */
final class Kstatus {

    enum Status { CURRENT, IN_PROGRESS, FAILED, TERMINATING }

    record Result(Status status, String message) {
    }

    private Kstatus() {
    }

    static Result compute(JsonNode obj) {
        if (!obj.at("/metadata/deletionTimestamp").asText("").isEmpty()) {
            return new Result(Status.TERMINATING, "Resource scheduled for deletion");
        }
        JsonNode generation = obj.at("/metadata/generation");
        JsonNode observed = obj.at("/status/observedGeneration");
        if (!generation.isMissingNode() && !observed.isMissingNode()) {
            if (!observed.isIntegralNumber() || !observed.canConvertToLong()) {
                throw new IllegalArgumentException("status.observedGeneration is not an int64: " + observed);
            }
            if (observed.asLong() != generation.asLong()) {
                return new Result(Status.IN_PROGRESS, obj.path("kind").asText() + " generation is " + generation.asLong()
                        + ", but latest observed generation is " + observed.asLong());
            }
        }
        for (JsonNode condition : obj.at("/status/conditions")) {
            boolean on = "True".equals(condition.path("status").asText());
            String type = condition.path("type").asText();
            if (on && type.equals("Reconciling")) {
                return new Result(Status.IN_PROGRESS, condition.path("message").asText());
            }
            if (on && type.equals("Stalled")) {
                return new Result(Status.FAILED, condition.path("message").asText());
            }
        }
        return new Result(Status.CURRENT, "Resource is current");
    }
}
