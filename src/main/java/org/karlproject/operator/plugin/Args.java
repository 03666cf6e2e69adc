package org.karlproject.operator.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: positional words and options. An option named with a trailing {@code =} in the
 * spec takes a value ({@code --opt value} or {@code --opt=value}; it may repeat), the others are flags.
 * {@code --} ends the options. An option the spec does not name is a {@link UsageException}.
 */
final class Args {

    private final List<String> positional;
    private final Map<String, List<String>> options;

    private Args(List<String> positional, Map<String, List<String>> options) {
        this.positional = positional;
        this.options = options;
    }

    /** Parses {@code raw} against {@code spec}: e.g. {@code "--watch", "-o=", "--output="}. */
    static Args parse(List<String> raw, Set<String> spec) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        boolean onlyPositional = false;
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (onlyPositional || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (spec.contains(name + "=")) {
                if (value == null) {
                    if (i + 1 >= raw.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = raw.get(++i);
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (spec.contains(name) && value == null) {
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new Args(positional, options);
    }

    List<String> positional() {
        return positional;
    }

    /** The one positional argument a command needs, named {@code what} in the error. */
    String single(String what) {
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "missing " + what
                    : "expected one " + what + ", got " + String.join(" ", positional));
        }
        return positional.get(0);
    }

    boolean flag(String... names) {
        for (String name : names) {
            if (options.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The last value given for any of these names (aliases). */
    Optional<String> value(String... names) {
        String found = null;
        for (String name : names) {
            List<String> values = options.get(name);
            if (values != null) {
                found = values.get(values.size() - 1);
            }
        }
        return Optional.ofNullable(found);
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }
}
