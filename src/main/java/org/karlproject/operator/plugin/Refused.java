package org.karlproject.operator.plugin;

/** A command that cannot do what was asked (not found, not allowed, failed): exit status 1 with the reason. */
final class Refused extends RuntimeException {
    Refused(String message) {
        super(message);
    }
}
