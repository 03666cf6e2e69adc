package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The rules of one kind that no schema or CEL rule can express (or that Kubernetes' CEL libraries
 * would need). They see the document after null pruning and defaulting, and must tolerate any shape
 * the schema layer already reports (wrong types, missing fields).
 */
interface SemanticRules {
    List<Violation> check(JsonNode document);

    static Violation violation(String path, String message) {
        return new Violation(path, message, Violation.Layer.SEMANTIC);
    }
}
