package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.karlproject.operator.validation.Pep503;

class IndexPagesTest {

    static EffectiveRelease karl() {
        return EffectiveRelease.resolve("karl-acme", "karl-3-30", EffectiveReleaseTest.KARL, n -> null).release();
    }

    @Test
    void requirementsPinEveryPackageWithItsHashSortedByProject() {
        assertEquals("""
                # ReleaseIndex karl-acme/karl-3-30 (version 3.30)
                # pip install --require-hashes --no-deps -r requirements.txt
                karl==3.30 --hash=sha256:%s
                Repoze.BFG==1.3 --hash=sha256:%s
                """.formatted(EffectiveReleaseTest.A, EffectiveReleaseTest.B), IndexPages.requirements(karl()));
    }

    @Test
    void projectListLinksNormalisedNamesAndProjectPageLinksThePoolFileWithItsHash() {
        String list = IndexPages.projectList(karl());
        assertTrue(list.contains("<a href=\"karl/\">karl</a>"), list);
        assertTrue(list.contains("<a href=\"repoze-bfg/\">repoze-bfg</a>"), list);

        String page = IndexPages.projectPage(karl(), "repoze-bfg").orElseThrow();
        assertTrue(page.contains("<a href=\"https://pool.example.org/karl/Repoze.BFG-1.3.tar.gz#sha256="
                + EffectiveReleaseTest.B + "\">Repoze.BFG-1.3.tar.gz</a>"), page);
        assertTrue(IndexPages.projectPage(karl(), "zope-interface").isEmpty());
    }

    @Test
    void pep503Normalisation() {
        assertEquals("repoze-bfg", Pep503.normalize("Repoze.BFG"));
        assertEquals("zope-interface", Pep503.normalize("zope__Interface"));
        assertEquals("a-b", Pep503.normalize("A-._b"));
    }
}
