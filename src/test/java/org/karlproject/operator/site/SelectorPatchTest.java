package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.site.rollout.Selectors;

class SelectorPatchTest {

    @Test
    void theSwitchReplacesTheWholeSelectorSoNoOldKeySurvives() {
        Service stable = SiteService.of(SiteFixtures.site("acme", "karl-3-30", "acme-db"), "acme", "stable",
                Selectors.revision("acme", "abcd1234"));
        Service switched = SiteService.selecting(stable, Map.of("deploy.karlproject.org/site", "acme",
                "app.kubernetes.io/component", "maintenance"));
        assertEquals(Map.of("app.kubernetes.io/component", "maintenance", "deploy.karlproject.org/site", "acme"),
                switched.getSpec().getSelector());
    }
}
