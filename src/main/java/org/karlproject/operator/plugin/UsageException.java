package org.karlproject.operator.plugin;

/** Bad usage: exit status 2, the message and the command's usage on stderr. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
