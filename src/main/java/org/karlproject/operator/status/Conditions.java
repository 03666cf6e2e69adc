package org.karlproject.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The only place that decides conditions. Every status carries the three kstatus conditions, always in
 * the same order and first (a kind's own further ones, {@link #further}, follow them), all sharing the verdict's reason and message so that {@code kubectl describe} reads
 * the same story whichever condition one looks at. A condition's {@code lastTransitionTime} moves only
 * when its status changes.
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    private static final List<String> KSTATUS = List.of(READY, RECONCILING, STALLED);

    private Conditions() {
    }

    /**
     * The conditions for {@code health} at {@code generation}, keeping transition times from {@code previous}:
     * the three kstatus ones first, then the kind's own further conditions from {@code previous} as they are
     * (set with {@link #further}, e.g. a ZeoDatabase's {@code BackupVerified}).
     */
    public static List<Condition> of(Health health, List<Condition> previous, long generation, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Condition> all = new ArrayList<>(List.of(
                condition(READY, health.state() == Health.State.READY, health, previous, generation, now),
                condition(RECONCILING, health.state() == Health.State.PROGRESSING, health, previous, generation, now),
                condition(STALLED, health.state() == Health.State.STALLED, health, previous, generation, now)));
        if (previous != null) {
            previous.stream().filter(c -> !KSTATUS.contains(c.getType())).forEach(all::add);
        }
        return List.copyOf(all);
    }

    /**
     * A kind's own further condition (not one of the kstatus three), set in {@code conditions}: {@code status}
     * True or False with a CamelCase reason; {@code lastTransitionTime} moves only when the status changes.
     * {@code on} empty removes it. Returns the new list ({@code conditions} is not changed).
     */
    public static List<Condition> further(List<Condition> given, String type, Optional<Boolean> on, String reason,
            String message, long generation, Instant now) {
        if (KSTATUS.contains(type)) {
            throw new IllegalArgumentException(type + " is a kstatus condition: it follows the verdict");
        }
        List<Condition> conditions = new ArrayList<>(given == null ? List.of() : given);
        Optional<Condition> previous = find(conditions, type);
        conditions.removeIf(c -> type.equals(c.getType()));
        if (on.isEmpty()) {
            return conditions;
        }
        Health reasonCheck = Health.progressing(reason, message); // the same CamelCase rule as the verdict's
        String status = on.get() ? "True" : "False";
        String since = previous.filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime).orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        conditions.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reasonCheck.reason())
                .withMessage(reasonCheck.message()).withObservedGeneration(generation).withLastTransitionTime(since)
                .build());
        return conditions;
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
