package org.karlproject.operator.validation;

import static org.karlproject.operator.validation.SemanticRules.violation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * ZeoDatabase rules beyond the schema: valid backup, backup-drill and pack cron schedules, a storage size that parses
 * and is > 0, scheduled backups that fit under the snapshot limit.
 */
final class ZeoDatabaseRules implements SemanticRules {

    @Override
    public List<Violation> check(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        Nodes.text(document, "/spec/backup/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.backup.schedule", problem)));
        Nodes.text(document, "/spec/backup/verify/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.backup.verify.schedule", problem)));
        Nodes.text(document, "/spec/pack/schedule").flatMap(CronSchedule::problem)
                .ifPresent(problem -> violations.add(violation("spec.pack.schedule", problem)));
        Nodes.text(document, "/spec/storage/size").ifPresent(size -> {
            String problem = quantityProblem(size);
            if (problem != null) {
                violations.add(violation("spec.storage.size", problem));
            }
        });
        snapshotLimit(document).ifPresent(violations::add);
        return violations;
    }

    /**
     * The scheduled backups kept and an evolve run's two snapshots fit under {@code spec.snapshots.limit}
     * (default {@value org.karlproject.operator.api.database.SnapshotSpec#DEFAULT_LIMIT}): else the database
     * would stall at the limit on its own backups.
     */
    private static java.util.Optional<Violation> snapshotLimit(JsonNode document) {
        JsonNode keep = document.at("/spec/backup/keep");
        JsonNode limit = document.at("/spec/snapshots/limit");
        if (document.at("/spec/backup").isMissingNode() || !keep.isMissingNode() && !keep.isIntegralNumber()
                || !limit.isMissingNode() && !limit.isIntegralNumber()) {
            return java.util.Optional.empty(); // no backups, or a type the schema reports
        }
        int kept = keep.isMissingNode() ? 7 : keep.asInt();
        int max = limit.isMissingNode() ? org.karlproject.operator.api.database.SnapshotSpec.DEFAULT_LIMIT : limit.asInt();
        return kept + 2 <= max ? java.util.Optional.empty() : java.util.Optional.of(violation("spec.snapshots.limit",
                "spec.backup.keep=" + kept + " scheduled backups and an evolve run's 2 snapshots do not fit under "
                        + "spec.snapshots.limit=" + max + "; raise the limit to at least " + (kept + 2)
                        + " or keep fewer backups"));
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
