package org.karlproject.operator.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as kubectl writes them ({@code 90s}, {@code 10m}, {@code 1h30m}) and as the tree shows them. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new UsageException("not a duration: " + text + " (e.g. 90s, 10m, 1h)");
        }
        return total;
    }

    /** From one timestamp to another, e.g. {@code 1.2s} or {@code 3m04s}; {@code -} if either is unreadable. */
    static String between(String from, String to) {
        try {
            return show(Duration.between(Instant.parse(from), Instant.parse(to)));
        } catch (RuntimeException e) {
            return "-";
        }
    }

    static String show(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMinutes() == 0) {
            return String.format("%.1fs", d.toMillis() / 1000.0);
        }
        if (d.toHours() == 0) {
            return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
    }
}
