package org.karlproject.operator.status;

import java.util.Objects;

/**
 * The one-line verdict a reconcile reaches about its resource, from which {@link Conditions} derives the
 * three kstatus conditions. Reasons are CamelCase; messages name the field and the fix where there is one.
 */
public record Health(State state, String reason, String message) {

    /** The kstatus states the operator reports. */
    public enum State {
        /** Ready=True, Reconciling=False, Stalled=False: the resource is what its spec asks. */
        READY,
        /** Ready=False, Reconciling=True, Stalled=False: work is under way or waiting on something that will come. */
        PROGRESSING,
        /** Ready=False, Reconciling=False, Stalled=True: nothing will change until the spec (or the world) does. */
        STALLED
    }

    public Health {
        Objects.requireNonNull(state, "state");
        if (reason == null || !reason.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("a condition reason is CamelCase: " + reason);
        }
        message = message == null ? "" : message;
    }

    public static Health ready(String reason, String message) {
        return new Health(State.READY, reason, message);
    }

    public static Health progressing(String reason, String message) {
        return new Health(State.PROGRESSING, reason, message);
    }

    public static Health stalled(String reason, String message) {
        return new Health(State.STALLED, reason, message);
    }
}
