package org.karlproject.operator.api.train;

/** The stage a release train is in: staging sites first, then production (canary, then waves). */
public enum TrainStage {
    Staging,
    Production,
    Done
}
