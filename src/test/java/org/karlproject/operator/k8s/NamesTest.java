package org.karlproject.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void shortNamesAreJoinedAsTheyAre() {
        assertEquals("acme-production-acme-3-30", Names.join(Names.MAX_LABEL, "acme-production", "acme-3-30"));
    }

    @Test
    void longNamesAreCutToTheLimitAndStayDistinctAndStable() {
        String site = "a".repeat(40);
        String one = Names.join(Names.MAX_LABEL, site, "release-" + "x".repeat(30));
        String two = Names.join(Names.MAX_LABEL, site, "release-" + "y".repeat(30));
        assertTrue(one.length() <= Names.MAX_LABEL, one);
        assertNotEquals(one, two);
        assertEquals(one, Names.join(Names.MAX_LABEL, site, "release-" + "x".repeat(30)));
        assertTrue(one.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), one);
    }
}
