package org.karlproject.operator.bench;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.TrainSite;

/**
 * Whether a finished train kept its waves and bakes, from its rows (RFC 3339, whole seconds) and the sites'
 * {@code status.switchedAt}: a site of wave k+1 that started before the last site of wave k finished (the end
 * of wave k's bake) started early; a wave whose first finish came less than the bake after its last traffic
 * switch baked short.
 *
 * @param waves       how many waves moved sites (the canary counts as one)
 * @param earlyStarts sites started before the previous wave's bake ended
 * @param shortBakes  waves that finished less than {@code bakeSeconds} after their last switch
 */
record TrainWaves(int waves, int earlyStarts, int shortBakes) {

    static TrainWaves of(ReleaseTrain train, Collection<KarlSite> sites, int bakeSeconds) {
        Map<String, Instant> switched = sites.stream().filter(s -> s.getStatus() != null
                && s.getStatus().getSwitchedAt() != null).collect(Collectors.toMap(s -> s.getMetadata().getNamespace()
                        + "/" + s.getMetadata().getName(), s -> Instant.parse(s.getStatus().getSwitchedAt()), (a, b) -> a));
        Map<Integer, List<TrainSite>> byWave = new TreeMap<>(train.getStatus().getSites().stream()
                .filter(r -> r.getWave() != null).collect(Collectors.groupingBy(TrainSite::getWave)));
        int early = 0;
        int shortBakes = 0;
        Optional<Instant> previousEnd = Optional.empty();
        for (List<TrainSite> wave : byWave.values()) {
            for (TrainSite row : wave) {
                if (previousEnd.isPresent() && Instant.parse(row.getStarted()).isBefore(previousEnd.get())) {
                    early++;
                }
            }
            Instant firstFinish = wave.stream().map(r -> Instant.parse(r.getFinished())).min(Instant::compareTo)
                    .orElseThrow();
            // switchedAt has sub-second precision, the train's times whole seconds: compare whole seconds
            Instant lastSwitch = wave.stream().map(r -> switched.get(r.key())).filter(t -> t != null)
                    .map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
            if (firstFinish.isBefore(lastSwitch.plusSeconds(bakeSeconds))) {
                shortBakes++;
            }
            previousEnd = wave.stream().map(r -> Instant.parse(r.getFinished())).max(Instant::compareTo);
        }
        return new TrainWaves(byWave.size(), early, shortBakes);
    }
}
