package org.karlproject.operator.site.rollout;

import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.status.Health;

/** A handler's answer: the phase to be in, and the verdict to report there. */
public record Step(RolloutPhase phase, Health health) {
}
