package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** ZeoDatabase rules beyond the schema: valid backup and backup-drill cron schedules, a storage size that parses and is > 0. */
final class ZeoDatabaseRules implements SemanticRules {

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        Nodes.text(document, "/spec/backup/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.backup.schedule", problem)));
        Nodes.text(document, "/spec/backup/verify/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.backup.verify.schedule", problem)));
        Nodes.text(document, "/spec/storage/size").ifPresent(size -> {
            String problem = quantityProblem(size);
            if (problem != null) {
                violations.add(violation("spec.storage.size", problem));
            }
        });
        return violations;
    }

    /** Null when the size is a Kubernetes quantity greater than zero. */
    static String quantityProblem(String size) {
        try {
            BigDecimal bytes = Quantity.getAmountInBytes(Quantity.parse(size));
            return bytes.signum() > 0 ? null
                    : "storage size \"" + size + "\" must be greater than zero, e.g. \"20Gi\"";
        } catch (RuntimeException e) {
            return "\"" + size + "\" is not a Kubernetes quantity; write a size such as \"20Gi\" or \"500M\"";
        }
    }
}
