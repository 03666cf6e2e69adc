package org.karlproject.operator.validation;

import java.util.regex.Pattern;

/** Builds Kubernetes-style field paths: {@code spec.packages[1].sha256}, {@code spec.resources.limits[cpu]}. */
final class FieldPath {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private FieldPath() {
    }

    static String child(String parent, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return parent + "[" + key + "]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Resolves a CEL rule's {@code fieldPath} (e.g. {@code .spec.basedOn}, {@code .steps[0]}, {@code ['a.b']})
     * relative to the path of the value the rule is attached to.
     */
    static String resolve(String base, String relative) {
        String rel = relative.trim();
        if (rel.startsWith(".")) {
            rel = rel.substring(1);
        }
        if (rel.isEmpty()) {
            return base;
        }
        rel = rel.replaceAll("\\['([^']*)'\\]", "[$1]");
        if (base.isEmpty()) {
            return rel;
        }
        return rel.startsWith("[") ? base + rel : base + "." + rel;
    }

    /** The path to show for the document itself (the root has no field path). */
    static String orRoot(String path) {
        return path.isEmpty() ? "<root>" : path;
    }
}
