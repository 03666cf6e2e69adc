package org.karlproject.operator.sim;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The faults injected into the embedded API server; the first rule that applies to a request wins. */
public final class Faults {
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final WatchTracker watches;

    Faults(WatchTracker watches) {
        this.watches = watches;
    }

    public FaultRule inject(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    public void remove(FaultRule rule) {
        rules.remove(rule);
    }

    public void clear() {
        rules.clear();
    }

    /** Closes every open watch connection, as an API server restart or a network blip would; clients re-watch. */
    public int dropWatches() {
        return watches.closeAll();
    }

    /** How many watch connections are open now. */
    public int openWatches() {
        return watches.open();
    }

    Optional<FaultRule> find(ApiRequest request) {
        return rules.stream().filter(rule -> rule.applies(request)).findFirst();
    }
}
