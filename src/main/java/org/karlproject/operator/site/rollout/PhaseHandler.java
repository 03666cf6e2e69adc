package org.karlproject.operator.site.rollout;

import org.karlproject.operator.api.site.KarlSiteStatus;

/**
 * One phase of a rollout. Given the observed {@link SiteView} it returns the next step, and records in
 * {@code next} (the status being computed) what the step decided. Pure: no I/O, and stepping twice from the
 * same observation gives the same answer.
 */
@FunctionalInterface
public interface PhaseHandler {
    Step handle(SiteView view, KarlSiteStatus next);
}
