package org.karlproject.operator.plugin;

import java.util.Set;

/** Colour on a terminal, plain text otherwise (or with {@code NO_COLOR} set). */
record Style(boolean color) {

    private static final Set<String> GOOD = Set.of("Stable", "Succeeded", "Ready", "True", "Active", "Normal", "Completed");
    private static final Set<String> BAD = Set.of("Aborted", "Failed", "Stalled", "Warning", "False", "Error");

    static Style detect() {
        return new Style(System.console() != null && System.getenv("NO_COLOR") == null);
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    /** Green for a settled good state, red for a failed one, yellow for anything in progress. */
    String state(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return wrap(GOOD.contains(text) ? "32" : BAD.contains(text) ? "31" : "33", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    private String wrap(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
