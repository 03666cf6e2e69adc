package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * ReleaseIndex rules beyond the schema: package names unique after PEP 503 normalisation, evolve
 * manager names unique, step generations unique within a manager.
 */
final class ReleaseIndexRules implements SemanticRules {

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        List<JsonNode> packages = Nodes.items(document, "/spec/packages");
        for (UniqueValues.Duplicate d : UniqueValues.duplicates(packages,
                p -> p.path("name").isTextual() ? Pep503.normalize(p.get("name").asText()) : null)) {
            violations.add(violation("spec.packages[" + d.index() + "].name",
                    "package \"" + packages.get(d.index()).get("name").asText() + "\" is the same distribution as"
                            + " spec.packages[" + d.firstIndex() + "].name \"" + packages.get(d.firstIndex()).get("name").asText()
                            + "\" (both normalise to \"" + d.key() + "\" under PEP 503); pin each distribution once"));
        }
        List<JsonNode> managers = Nodes.items(document, "/spec/evolve");
        for (UniqueValues.Duplicate d : UniqueValues.duplicates(managers,
                m -> m.path("manager").isTextual() ? m.get("manager").asText() : null)) {
            violations.add(violation("spec.evolve[" + d.index() + "].manager",
                    "evolve manager \"" + d.key() + "\" is already listed at spec.evolve[" + d.firstIndex()
                            + "]; list each manager once"));
        }
        for (int m = 0; m < managers.size(); m++) {
            List<JsonNode> steps = Nodes.items(managers.get(m), "/steps");
            for (UniqueValues.Duplicate d : UniqueValues.duplicates(steps,
                    s -> s.path("generation").isIntegralNumber() ? s.get("generation").asText() : null)) {
                violations.add(violation("spec.evolve[" + m + "].steps[" + d.index() + "].generation",
                        "step generation " + d.key() + " is already described at spec.evolve[" + m + "].steps["
                                + d.firstIndex() + "]; describe each generation once"));
            }
        }
        return violations;
    }
}
