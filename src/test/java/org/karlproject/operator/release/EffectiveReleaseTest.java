package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndexSpec;

class EffectiveReleaseTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    static PackagePin pin(String name, String version, String sha) {
        PackagePin pin = new PackagePin();
        pin.setName(name);
        pin.setVersion(version);
        pin.setFile(name + "-" + version + ".tar.gz");
        pin.setSha256(sha);
        return pin;
    }

    static EvolveManager manager(String name, long generation) {
        EvolveManager m = new EvolveManager();
        m.setManager(name);
        m.setGeneration(generation);
        return m;
    }

    static ReleaseIndexSpec spec(String basedOn, String pool, List<PackagePin> pins, List<EvolveManager> evolve) {
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion("3.30");
        spec.setImage("registry.example.org/karl@sha256:" + A);
        spec.setBasedOn(basedOn);
        spec.setPool(pool);
        spec.setPackages(pins);
        spec.setEvolve(evolve);
        return spec;
    }

    static final ReleaseIndexSpec KARL = spec(null, "https://pool.example.org/karl/",
            List.of(pin("karl", "3.30", A), pin("Repoze.BFG", "1.3", B)), List.of(manager("karl", 28)));

    @Test
    void customerReleaseIsTheUnionOfTheChainLinkedToEachDeclaringPool() {
        ReleaseIndexSpec acme = spec("karl-3-30", "https://pool.example.org/acme/",
                List.of(pin("acme-karl", "1.0", A), pin("repoze_bfg", "1.3", B)), List.of(manager("acme", 3)));
        var resolution = EffectiveRelease.resolve("ns", "acme-3-30", acme,
                name -> name.equals("karl-3-30") ? new EffectiveRelease.Parent(true, KARL) : EffectiveRelease.Parent.MISSING);

        assertTrue(resolution.ok(), () -> resolution.problem().message());
        EffectiveRelease release = resolution.release();
        assertEquals(List.of("acme-3-30", "karl-3-30"), release.chain());
        assertEquals(List.of("acme-karl", "karl", "repoze-bfg"),
                release.packages().stream().map(EffectiveRelease.ResolvedPackage::project).toList());
        assertEquals("https://pool.example.org/acme/acme-karl-1.0.tar.gz", release.find("acme_karl").orElseThrow().url());
        assertEquals("https://pool.example.org/karl/karl-3.30.tar.gz", release.find("karl").orElseThrow().url());
        assertEquals(Map.of("acme", 3L, "karl", 28L), release.generations());
    }

    @Test
    void aPackagePinnedDifferentlyAlongTheChainIsAConflictNamingBoth() {
        ReleaseIndexSpec acme = spec("karl-3-30", "https://pool.example.org/acme/",
                List.of(pin("repoze.bfg", "1.4", A)), List.of());
        var resolution = EffectiveRelease.resolve("ns", "acme-3-30", acme, name -> new EffectiveRelease.Parent(true, KARL));

        assertEquals(EffectiveRelease.Problem.Kind.CONFLICT, resolution.problem().kind());
        String message = resolution.problem().message();
        assertTrue(message.contains("repoze-bfg") && message.contains("1.3") && message.contains("1.4")
                && message.contains("karl-3-30") && message.contains("acme-3-30"), message);
    }

    @Test
    void missingParentNotReadyParentAndCyclesAreReportedOnBasedOn() {
        ReleaseIndexSpec child = spec("karl-3-30", "https://pool.example.org/acme/", List.of(pin("x", "1", A)), List.of());
        assertEquals(EffectiveRelease.Problem.Kind.PARENT_MISSING,
                EffectiveRelease.resolve("ns", "c", child, n -> EffectiveRelease.Parent.MISSING).problem().kind());
        assertEquals(EffectiveRelease.Problem.Kind.PARENT_NOT_READY,
                EffectiveRelease.resolve("ns", "c", child, n -> EffectiveRelease.Parent.NOT_READY).problem().kind());

        ReleaseIndexSpec loop = spec("c", "https://pool.example.org/k/", List.of(pin("y", "1", A)), List.of());
        var cycle = EffectiveRelease.resolve("ns", "c", child, n -> new EffectiveRelease.Parent(true, loop));
        assertEquals(EffectiveRelease.Problem.Kind.CYCLE, cycle.problem().kind());
        assertEquals("spec.basedOn", cycle.problem().field());
        assertTrue(cycle.problem().message().contains("c -> karl-3-30 -> c"), cycle.problem().message());
    }
}
