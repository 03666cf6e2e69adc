package org.karlproject.operator.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** Python package name normalisation (PEP 503): {@code Repoze.BFG} and {@code repoze-bfg} are one name. */
public final class Pep503 {
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    private Pep503() {
    }

    /** {@code re.sub(r"[-_.]+", "-", name).lower()}. */
    public static String normalize(String name) {
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }
}
