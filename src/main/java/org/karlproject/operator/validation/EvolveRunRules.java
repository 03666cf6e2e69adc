package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** EvolveRun rules beyond the schema: every {@code spec.command} entry a non-blank string. */
final class EvolveRunRules implements SemanticRules {

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> command = Nodes.items(document, "/spec/command");
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).isTextual() && command.get(i).asText().isBlank()) {
                violations.add(violation("spec.command[" + i + "]",
                        "command arguments must not be empty; remove it or write the argument, e.g. [evolve, --latest]"));
            }
        }
        return violations;
    }
}
