package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How fast each stage moves: staging sites in parallel, then production as a canary and waves with a bake. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainStages {

    /** A count ({@code 3}) or a percentage of the production sites ({@code 25%}), at least one site. */
    public static final String COUNT_OR_PERCENT = "^([1-9][0-9]{0,3}|([1-9][0-9]?|100)%)$";

    @Default("2")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("How many staging sites move at once.")
    private Integer stagingParallelism = 2;

    @Default("1")
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("How many production sites move first, alone, and bake before any wave (0: no canary).")
    private Integer canary = 1;

    @Default("25%")
    @Pattern(COUNT_OR_PERCENT)
    @JsonPropertyDescription("The size of each production wave after the canary: a count (3) or a percentage of the "
            + "production sites (25%, rounded up).")
    private String maxParallel = "25%";

    @Default("300")
    @Min(0)
    @Max(604800)
    @JsonPropertyDescription("After every site of the canary or a wave is Ready, how long each must stay Ready before "
            + "the next wave starts; one that goes unhealthy meanwhile fails.")
    private Integer bakeSeconds = 300;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("At most this many of the train's sites with an upgrade that needs an evolve under way "
            + "at once (absent: no limit of the train's own); the operator-wide karl.evolve.max-concurrent still "
            + "applies on top.")
    private Integer maxConcurrentEvolves;

    @Default("false")
    @JsonPropertyDescription("Reseed each staging site's database from production just before its upgrade (the "
            + "staging ZeoDatabase's spec.source.database must be its production site's database): staging "
            + "rehearses on current data. Production is only read (snapshotted), never written.")
    private Boolean reseedStaging = false;

    public Integer getStagingParallelism() {
        return stagingParallelism;
    }

    public void setStagingParallelism(Integer stagingParallelism) {
        this.stagingParallelism = stagingParallelism;
    }

    public Integer getCanary() {
        return canary;
    }

    public void setCanary(Integer canary) {
        this.canary = canary;
    }

    public String getMaxParallel() {
        return maxParallel;
    }

    public void setMaxParallel(String maxParallel) {
        this.maxParallel = maxParallel;
    }

    public Integer getBakeSeconds() {
        return bakeSeconds;
    }

    public void setBakeSeconds(Integer bakeSeconds) {
        this.bakeSeconds = bakeSeconds;
    }

    public Boolean getReseedStaging() {
        return reseedStaging;
    }

    public void setReseedStaging(Boolean reseedStaging) {
        this.reseedStaging = reseedStaging;
    }

    public Integer getMaxConcurrentEvolves() {
        return maxConcurrentEvolves;
    }

    public void setMaxConcurrentEvolves(Integer maxConcurrentEvolves) {
        this.maxConcurrentEvolves = maxConcurrentEvolves;
    }

    /** The wave size among {@code production} sites: the count, or the percentage rounded up; at least 1. */
    public int waveSize(int production) {
        String value = maxParallel == null ? "25%" : maxParallel;
        if (value.endsWith("%")) {
            int percent = Integer.parseInt(value.substring(0, value.length() - 1));
            return Math.max(1, (production * percent + 99) / 100);
        }
        return Math.max(1, Integer.parseInt(value));
    }
}
