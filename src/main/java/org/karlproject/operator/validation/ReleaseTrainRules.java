package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** ReleaseTrain rules beyond the schema: each namespace listed once in {@code spec.sites.namespaces}. */
final class ReleaseTrainRules implements SemanticRules {

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> namespaces = Nodes.items(document, "/spec/sites/namespaces");
        for (UniqueValues.Duplicate d : UniqueValues.duplicates(namespaces, n -> n.isTextual() ? n.asText() : null)) {
            violations.add(violation("spec.sites.namespaces[" + d.index() + "]", "namespace " + d.key()
                    + " is listed twice (first at spec.sites.namespaces[" + d.firstIndex() + "]); list it once"));
        }
        return violations;
    }
}
