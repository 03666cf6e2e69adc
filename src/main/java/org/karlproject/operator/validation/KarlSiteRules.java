package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.karlproject.operator.api.Api;

/**
 * KarlSite rules beyond the schema: host names unique and at most 253 characters, a valid digest
 * worker cron schedule, maintenance windows with a valid cron start and a known time zone, route annotations that leave the operator's own keys alone.
 */
final class KarlSiteRules implements SemanticRules {
    private static final int MAX_HOSTNAME = 253;
    private static final List<String> ISSUER_KEYS = List.of("cert-manager.io/issuer", "cert-manager.io/cluster-issuer");

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> hostnames = Nodes.items(document, "/spec/hostnames");
        for (int i = 0; i < hostnames.size(); i++) {
            if (hostnames.get(i).isTextual() && hostnames.get(i).asText().length() > MAX_HOSTNAME) {
                violations.add(violation("spec.hostnames[" + i + "]",
                        "host name is longer than " + MAX_HOSTNAME + " characters"));
            }
        }
        for (UniqueValues.Duplicate d : UniqueValues.duplicates(hostnames,
                h -> h.isTextual() ? h.asText().toLowerCase(Locale.ROOT) : null)) {
            violations.add(violation("spec.hostnames[" + d.index() + "]",
                    "host name \"" + d.key() + "\" is already listed at spec.hostnames[" + d.firstIndex()
                            + "]; list each host name once"));
        }
        violations.addAll(annotations(document));
        Nodes.text(document, "/spec/workers/digest/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.workers.digest.schedule", problem)));
        violations.addAll(windows(document));
        return violations;
    }

    /** Each maintenance window's start is a valid 5-field cron and its timeZone one Java (tzdata) knows. */
    private static List<Violation> windows(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> windows = Nodes.items(document, "/spec/maintenance/windows");
        for (int i = 0; i < windows.size(); i++) {
            String at = "spec.maintenance.windows[" + i + "]";
            Nodes.text(windows.get(i), "/start").flatMap(CronSchedule::problem)
                    .ifPresent(problem -> violations.add(violation(at + ".start", problem)));
            Nodes.text(windows.get(i), "/timeZone").filter(zone -> !known(zone))
                    .ifPresent(zone -> violations.add(violation(at + ".timeZone", "\"" + zone + "\" is not a "
                            + "known time zone; use an IANA name such as Europe/Berlin, or UTC")));
        }
        return violations;
    }

    private static boolean known(String zone) {
        try {
            java.time.ZoneId.of(zone);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /**
     * The route's own annotations: the operator's group (its content hash) and the cert-manager issuer keys
     * (spec.routing.tls says which issuer) are the operator's to set.
     */
    private static List<Violation> annotations(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        JsonNode annotations = document.at("/spec/routing/annotations");
        annotations.fieldNames().forEachRemaining(key -> {
            if (key.startsWith(Api.GROUP + "/") || ISSUER_KEYS.contains(key)) {
                violations.add(violation("spec.routing.annotations", "annotation \"" + key + "\" is set by the "
                        + "operator: use spec.routing.tls for a cert-manager issuer, and leave the "
                        + Api.GROUP + "/ keys alone"));
            }
        });
        return violations;
    }
}
