package org.karlproject.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The writes to children a decision asks for, in order: what {@link ChildWriter} carries out once the status
 * is recorded. Built by pure code (decide steps, phase handlers); empty when the children already match.
 */
public final class Plan {

    private final List<Intent> intents = new ArrayList<>();

    public static Plan none() {
        return new Plan();
    }

    public static Plan of(Intent... intents) {
        Plan plan = new Plan();
        plan.intents.addAll(List.of(intents));
        return plan;
    }

    public Plan create(HasMetadata object) {
        intents.add(new Intent.Create(object));
        return this;
    }

    public <T extends HasMetadata> Plan ensure(T desired, Optional<T> observed, Object content, BiConsumer<T, T> owned) {
        intents.add(new Intent.Ensure<>(desired, observed, content, owned));
        return this;
    }

    public <T extends HasMetadata> Plan edit(T cached, UnaryOperator<T> change) {
        intents.add(new Intent.Edit<>(cached, change));
        return this;
    }

    public Plan delete(HasMetadata object) {
        intents.add(new Intent.Delete(object));
        return this;
    }

    /** See {@link Intent.DeleteScratch}: a backup drill's scratch volume, checked against the drill. */
    public Plan deleteScratch(PersistentVolumeClaim pvc, String ownerUid, String drill) {
        intents.add(new Intent.DeleteScratch(pvc, ownerUid, drill));
        return this;
    }

    /** Appends {@code other}'s intents after this plan's. */
    public Plan and(Plan other) {
        intents.addAll(other.intents);
        return this;
    }

    public List<Intent> intents() {
        return List.copyOf(intents);
    }

    public boolean isEmpty() {
        return intents.isEmpty();
    }

    /** Plans are equal when they hold equal intents in the same order (a decision stepped twice plans the same). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Plan plan && intents.equals(plan.intents);
    }

    @Override
    public int hashCode() {
        return intents.hashCode();
    }

    @Override
    public String toString() {
        return intents.toString();
    }
}
