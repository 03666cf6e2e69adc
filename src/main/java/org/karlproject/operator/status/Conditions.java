package org.karlproject.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The only place that decides conditions. Every status carries the three kstatus conditions, always in
 * the same order, all sharing the verdict's reason and message so that {@code kubectl describe} reads
 * the same story whichever condition one looks at. A condition's {@code lastTransitionTime} moves only
 * when its status changes.
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    private Conditions() {
    }

    /** The conditions for {@code health} at {@code generation}, keeping transition times from {@code previous}. */
    public static List<Condition> of(Health health, List<Condition> previous, long generation, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return List.of(
                condition(READY, health.state() == Health.State.READY, health, previous, generation, now),
                condition(RECONCILING, health.state() == Health.State.PROGRESSING, health, previous, generation, now),
                condition(STALLED, health.state() == Health.State.STALLED, health, previous, generation, now));
    }

    /** The condition of {@code type} in {@code conditions}, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether {@code conditions} holds {@code type} with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** The verdict the conditions record, so a caller can tell whether a new verdict is a change. */
    public static Optional<Health> health(List<Condition> conditions) {
        for (String type : List.of(READY, STALLED, RECONCILING)) {
            Optional<Condition> on = find(conditions, type).filter(c -> "True".equals(c.getStatus()));
            if (on.isPresent()) {
                Health.State state = type.equals(READY) ? Health.State.READY
                        : type.equals(STALLED) ? Health.State.STALLED : Health.State.PROGRESSING;
                return Optional.of(new Health(state, on.get().getReason(), on.get().getMessage()));
            }
        }
        return Optional.empty();
    }

    private static Condition condition(String type, boolean on, Health health, List<Condition> previous,
            long generation, Instant now) {
        String status = on ? "True" : "False";
        String since = find(previous, type)
                .filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .orElse(now.toString());
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(health.reason())
                .withMessage(health.message())
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
    }
}
