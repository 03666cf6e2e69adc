package org.karlproject.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pep503Test {

    @ParameterizedTest
    @CsvSource({
        "Repoze.BFG, repoze-bfg",
        "repoze-bfg, repoze-bfg",
        "zope.interface, zope-interface",
        "Zope__Interface, zope-interface",
        "a-_.b, a-b",
        "karl, karl",
        "Pyramid, pyramid",
        "z3c.ptcompat, z3c-ptcompat",
    })
    void normalisesLikePython(String name, String normalised) {
        assertEquals(normalised, Pep503.normalize(name));
    }

    @Test
    void keepsNamesThatDifferOtherwiseApart() {
        assertNotEquals(Pep503.normalize("repoze.bfg"), Pep503.normalize("repozebfg"));
        assertNotEquals(Pep503.normalize("karl"), Pep503.normalize("karl2"));
    }
}
