package org.karlproject.operator.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a real API server rejects with 422 (reason {@code Invalid}) and the mock server accepts: object names
 * and label keys and values that are not valid. Checked on creates and updates (not on patches):
 * <ul>
 *   <li>{@code metadata.name}: a DNS-1123 subdomain of at most 253 characters; a Service's a DNS-1035 label
 *       (a letter first, no dots) of at most 63, a Namespace's a DNS-1123 label; a Job's at most 63 (the Job
 *       controller puts it in the {@code batch.kubernetes.io/job-name} label of its pods), a CronJob's at
 *       most 52;</li>
 *   <li>labels ({@code metadata.labels} at any depth, {@code matchLabels}, a Service's {@code spec.selector}):
 *       keys an optional DNS-1123 subdomain prefix and {@code /} and a name of at most 63 characters
 *       (alphanumerics, {@code -_.}, alphanumeric at both ends); values empty or such a name.</li>
 * </ul>
 */
final class ObjectValidation {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Set<String> DNS_1035_NAMED = Set.of("services");
    private static final Set<String> DNS_1123_LABEL_NAMED = Set.of("namespaces");
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    /** A rejected field: its path, the value and why. */
    record Invalid(String field, String value, String reason) {
        String message(String kind, String name) {
            return kind + " \"" + name + "\" is invalid: " + field + ": Invalid value: \"" + value + "\": " + reason;
        }
    }

    private ObjectValidation() {
    }

    /** The first invalid field of an object sent to {@code resource} (a plural, e.g. {@code services}). */
    static Optional<Invalid> check(String resource, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        if (!name.isEmpty()) {
            Optional<Invalid> invalid = name(resource, name);
            if (invalid.isPresent()) {
                return invalid;
            }
        }
        if (resource.equals("services") && object.path("spec").path("selector").isObject()) {
            Optional<Invalid> invalid = labels("spec.selector", object.path("spec").path("selector"));
            if (invalid.isPresent()) {
                return invalid;
            }
        }
        // a CRD's schema names fields (e.g. a property called matchLabels), it holds no labels
        return resource.equals("customresourcedefinitions") ? Optional.empty() : walk("", object);
    }

    private static Optional<Invalid> name(String resource, String name) {
        if (DNS_1035_NAMED.contains(resource)) {
            return dnsLabel(name, DNS_1035_LABEL, "a DNS-1035 label must consist of lower case alphanumeric"
                    + " characters or '-', start with an alphabetic character, and end with an alphanumeric character");
        }
        if (DNS_1123_LABEL_NAMED.contains(resource)) {
            return dnsLabel(name, DNS_1123_LABEL, "a lowercase RFC 1123 label must consist of lower case"
                    + " alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }
        if (name.length() > MAX_NAME) {
            return Optional.of(new Invalid("metadata.name", name, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            return Optional.of(new Invalid("metadata.name", name, "a lowercase RFC 1123 subdomain must consist of"
                    + " lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                    + " character"));
        }
        if (resource.equals("jobs") && name.length() > MAX_LABEL) {
            return Optional.of(new Invalid("spec.template.labels", name, "must be no more than 63 characters"
                    + " (the label batch.kubernetes.io/job-name)"));
        }
        if (resource.equals("cronjobs") && name.length() > 52) {
            return Optional.of(new Invalid("metadata.name", name, "must be no more than 52 characters"));
        }
        return Optional.empty();
    }

    private static Optional<Invalid> dnsLabel(String name, Pattern pattern, String syntax) {
        if (name.length() > MAX_LABEL) {
            return Optional.of(new Invalid("metadata.name", name, "must be no more than 63 characters"));
        }
        return pattern.matcher(name).matches() ? Optional.empty()
                : Optional.of(new Invalid("metadata.name", name, syntax));
    }

    /** Every {@code metadata.labels} and {@code matchLabels} below {@code node}. */
    private static Optional<Invalid> walk(String path, JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Invalid> invalid = walk(path + "[" + i + "]", node.get(i));
                if (invalid.isPresent()) {
                    return invalid;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            boolean labels = field.getKey().equals("matchLabels")
                    || field.getKey().equals("labels") && (path.equals("metadata") || path.endsWith(".metadata"));
            Optional<Invalid> invalid = labels && field.getValue().isObject() ? labels(at, field.getValue())
                    : walk(at, field.getValue());
            if (invalid.isPresent()) {
                return invalid;
            }
        }
        return Optional.empty();
    }

    private static Optional<Invalid> labels(String path, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            Optional<String> key = keyProblem(label.getKey());
            if (key.isPresent()) {
                return Optional.of(new Invalid(path, label.getKey(), key.get()));
            }
            String value = label.getValue().asText("");
            if (value.length() > MAX_LABEL) {
                return Optional.of(new Invalid(path, value, "must be no more than 63 characters"));
            }
            if (!value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
                return Optional.of(new Invalid(path, value, "a valid label must be an empty string or consist of"
                        + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
                        + " character"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> keyProblem(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0 && (prefix.length() > MAX_NAME || !SUBDOMAIN.matcher(prefix).matches())) {
            return Optional.of("prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters");
        }
        if (name.isEmpty() || name.length() > MAX_LABEL || !LABEL_NAME.matcher(name).matches()) {
            return Optional.of("name part must consist of alphanumeric characters, '-', '_' or '.', at most 63,"
                    + " starting and ending with an alphanumeric character");
        }
        return Optional.empty();
    }
}
