package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * KarlSite rules beyond the schema: host names unique and at most 253 characters, a valid digest
 * worker cron schedule.
 */
final class KarlSiteRules implements SemanticRules {
    private static final int MAX_HOSTNAME = 253;

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
        Nodes.text(document, "/spec/workers/digest/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.workers.digest.schedule", problem)));
        return violations;
    }
}
