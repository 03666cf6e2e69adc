package org.karlproject.operator.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.ReleaseTrainStatus;
import org.karlproject.operator.api.train.TrainSite;

/**
 * A release train's progress as the sandbox prints it: a line with its phase, stage, wave and counts per
 * state, then its rows (site, from, to, state, wave, started, finished), what {@code kubectl get rt -o yaml} shows in
 * {@code status.sites}.
 */
final class TrainTable {

    private TrainTable() {
    }

    /** The train's summary and rows; empty while it has no status. */
    static String of(ReleaseTrain train) {
        ReleaseTrainStatus status = train.getStatus();
        if (status == null || status.getPhase() == null) {
            return "";
        }
        String counts = status.getCounts().entrySet().stream().filter(e -> e.getValue() != null && e.getValue() > 0)
                .map(Map.Entry::getKey).map(state -> state + " " + status.getCounts().get(state))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("RELEASETRAIN " + train.getMetadata().getNamespace() + "/"
                + train.getMetadata().getName() + ": " + status.getPhase() + ", stage " + status.getStage()
                + Optional.ofNullable(status.getWave()).map(w -> ", wave " + w).orElse("") + ", done "
                + status.getProgress() + (counts.isEmpty() ? "" : " (" + counts + ")") + "\n");
        if (status.getSites().isEmpty()) {
            return text.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("  SITE", "FROM", "TO", "STATE", "WAVE", "STARTED", "FINISHED"));
        for (TrainSite row : status.getSites()) {
            rows.add(List.of("  " + row.key(), String.valueOf(row.getFrom()), String.valueOf(row.getTo()),
                    String.valueOf(row.getState()), row.getWave() == null ? "-" : String.valueOf(row.getWave()),
                    time(row.getStarted()), time(row.getFinished())));
        }
        return text.append(Console.render(rows)).toString();
    }

    /** The time of day of an RFC 3339 instant ({@code 13:42:05}), or {@code -}. */
    private static String time(String instant) {
        return instant == null || instant.length() < 19 ? "-" : instant.substring(11, 19);
    }
}
