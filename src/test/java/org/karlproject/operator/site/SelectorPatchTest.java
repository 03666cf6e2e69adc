package org.karlproject.operator.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorPatchTest {

    @Test
    void theSwitchReplacesTheWholeSelectorSoNoOldKeySurvives() {
        assertEquals("[{\"op\":\"replace\",\"path\":\"/spec/selector\",\"value\":"
                + "{\"app.kubernetes.io/component\":\"maintenance\",\"deploy.karlproject.org/site\":\"acme\"}}]",
                SiteActions.selectorPatch(Map.of("deploy.karlproject.org/site", "acme",
                        "app.kubernetes.io/component", "maintenance")));
    }
}
