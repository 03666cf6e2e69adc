package org.karlproject.operator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.status.Conditions;

/** The ReleaseIndex reconciler on the simulated cluster, from first release to deletion. */
class ReleaseIndexScenarioTest {

    static final String NS = "karl-acme";
    static final String KARL_POOL = "https://pool.example.org/karl/";

    final ReleaseRegistry registry = new ReleaseRegistry();
    final SimHarness h = SimHarness.start(() -> List.of(new ReleaseIndexReconciler(registry)));

    @AfterEach
    void close() {
        h.close();
    }

    static PackagePin pin(String name, String version, char hash) {
        PackagePin pin = new PackagePin();
        pin.setName(name);
        pin.setVersion(version);
        pin.setFile(name + "-" + version + ".tar.gz");
        pin.setSha256(String.valueOf(hash).repeat(64));
        return pin;
    }

    static ReleaseIndex release(String name, String basedOn, PackagePin... pins) {
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion("3.30");
        spec.setImage("registry.example.org/karl/karl@sha256:" + "d".repeat(64));
        spec.setBasedOn(basedOn);
        spec.setPool(basedOn == null ? KARL_POOL : "https://pool.example.org/acme/");
        spec.setPackages(List.of(pins));
        ReleaseIndex release = new ReleaseIndex();
        release.getMetadata().setName(name);
        release.getMetadata().setNamespace(NS);
        release.setSpec(spec);
        return release;
    }

    static String reason(ReleaseIndex release, String type) {
        return Conditions.find(release.getStatus().getConditions(), type).orElseThrow().getReason();
    }

    static String message(ReleaseIndex release) {
        return Conditions.find(release.getStatus().getConditions(), Conditions.READY).orElseThrow().getMessage();
    }

    @Test
    void aValidReleaseIsPublishedAndAReconcileWithNothingToDoWritesNothing() {
        h.step("a karl release with two pins");
        ReleaseIndex karl = h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a'), pin("repoze.bfg", "1.3", 'b')));
        karl = h.awaitCondition(karl, "Ready", "True");

        assertEquals("Published", reason(karl, "Ready"));
        assertEquals(2, karl.getStatus().getPackageCount());
        assertEquals("/releases/karl-acme/karl-3-30/simple/", karl.getStatus().getIndexPath());
        assertEquals(karl.getMetadata().getGeneration(), karl.getStatus().getObservedGeneration());
        assertEquals(SpecDigest.of(karl.getSpec()), karl.getStatus().getSpecDigest());
        assertTrue(registry.find(NS, "karl-3-30").isPresent(), "served");
        assertNotNull(h.client().configMaps().inNamespace(NS).withName(AcceptedReleases.configMapName("karl-3-30")).get(),
                "the accepted spec is frozen");

        h.step("the operator restarts: every release is reconciled again, and nothing is written");
        long mark = h.requests().mark();
        h.operator().restart();
        h.awaitThat("the release is served again after the restart", () -> registry.find(NS, "karl-3-30").isPresent());
        Requests writes = h.requests().snapshot().since(mark).from(OperatorRunner.USER_AGENT).writes();
        assertEquals(0, writes.count(), writes::toString);
    }

    @Test
    void anInvalidReleaseIsStalledNamingEveryField() {
        ReleaseIndex bad = release("karl-bad", null, pin("Repoze.BFG", "1.3", 'a'), pin("repoze-bfg", ">=1.3", 'b'));
        bad.getSpec().setImage("registry.example.org/karl/karl:3.30");
        bad = h.apply(bad);
        bad = h.awaitCondition(bad, "Stalled", "True");

        assertEquals("InvalidSpec", reason(bad, "Stalled"));
        String message = message(bad);
        assertTrue(message.contains("spec.image"), message);
        assertTrue(message.contains("spec.packages[1].version"), message);
        assertTrue(message.contains("spec.packages[1].name"), message);
        assertTrue(registry.find(NS, "karl-bad").isEmpty(), "an invalid release is not served");
    }

    @Test
    void aCustomerReleaseWaitsForItsParentThenMergesTheChain() {
        h.step("the acme release arrives before the karl release it is based on");
        ReleaseIndex acme = h.apply(release("acme-3-30", "karl-3-30", pin("acme-karl", "1.4", 'c'), pin("karl", "3.30", 'a')));
        acme = h.awaitCondition(acme, "Reconciling", "True");
        assertEquals("WaitingForParent", reason(acme, "Reconciling"));

        h.step("the karl release is applied; the acme release continues by itself");
        h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a'), pin("repoze.bfg", "1.3", 'b')));
        acme = h.awaitCondition(acme, "Ready", "True");

        assertEquals(3, acme.getStatus().getPackageCount());
        assertEquals(List.of("acme-3-30", "karl-3-30"), acme.getStatus().getChain());
        EffectiveRelease served = registry.find(NS, "acme-3-30").orElseThrow();
        assertEquals(KARL_POOL + "repoze.bfg-1.3.tar.gz", served.find("repoze-bfg").orElseThrow().url());
        assertEquals("https://pool.example.org/acme/acme-karl-1.4.tar.gz", served.find("acme-karl").orElseThrow().url());
    }

    @Test
    void aPackagePinnedDifferentlyInTheChainIsAConflict() {
        h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a'), pin("repoze.bfg", "1.3", 'b')));
        ReleaseIndex acme = h.apply(release("acme-3-30", "karl-3-30", pin("Repoze.BFG", "1.4", 'e')));
        acme = h.awaitCondition(acme, "Stalled", "True");

        assertEquals("PackageConflict", reason(acme, "Stalled"));
        assertTrue(message(acme).contains("repoze-bfg is pinned to 1.4") && message(acme).contains("to 1.3"), message(acme));
    }

    @Test
    void anEditAfterAcceptanceIsRefusedAndTheAcceptedContentIsStillServed() {
        ReleaseIndex karl = h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a')));
        karl = h.awaitCondition(karl, "Ready", "True");
        String accepted = IndexPages.requirements(registry.find(NS, "karl-3-30").orElseThrow());

        h.step("someone edits the pin on a cluster that does not enforce CEL");
        karl = h.edit(karl, r -> r.getSpec().getPackages().get(0).setVersion("3.31"));
        karl = h.awaitCondition(karl, "Stalled", "True");

        assertEquals("SpecChanged", reason(karl, "Stalled"));
        assertEquals(accepted, IndexPages.requirements(registry.find(NS, "karl-3-30").orElseThrow()));

        h.step("after a restart the accepted content comes from the frozen copy");
        registry.withdraw(NS, "karl-3-30");
        h.operator().restart();
        h.awaitThat("served again", () -> registry.find(NS, "karl-3-30").isPresent());
        assertEquals(accepted, IndexPages.requirements(registry.find(NS, "karl-3-30").orElseThrow()));
    }

    @Test
    void deletionWaitsWhileASiteUsesTheRelease() {
        ReleaseIndex karl = h.awaitCondition(h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a'))), "Ready", "True");
        KarlSite site = new KarlSite();
        site.getMetadata().setName("acme-staging");
        site.getMetadata().setNamespace(NS);
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease("karl-3-30");
        spec.setDatabase("acme-staging");
        site.setSpec(spec);
        site = h.apply(site);
        karl = h.await(karl, "usedBy lists the site", r -> r.getStatus().getUsedBy().equals(List.of("acme-staging")));

        h.step("the release is deleted while the site runs it");
        h.client().resource(karl).delete();
        karl = h.await(karl, "deletion blocked", r -> r.getStatus() != null
                && "DeletionBlocked".equals(Conditions.find(r.getStatus().getConditions(), "Reconciling").orElseThrow().getReason()));
        assertTrue(message(karl).contains("acme-staging"), message(karl));
        assertTrue(registry.find(NS, "karl-3-30").isPresent(), "still served while in use");

        h.step("the site goes away; the deletion completes");
        h.client().resource(site).delete();
        h.awaitDeleted(karl);
        assertTrue(registry.find(NS, "karl-3-30").isEmpty());
    }

    @Test
    void deletionWaitsWhileAReleaseIsBasedOnIt() {
        h.step("a karl release and a customer release based on it, both served");
        ReleaseIndex karl = h.awaitCondition(h.apply(release("karl-3-30", null, pin("karl", "3.30", 'a'))), "Ready", "True");
        ReleaseIndex acme = h.awaitCondition(h.apply(release("acme-3-30", "karl-3-30", pin("acme-karl", "1.4", 'c'))),
                "Ready", "True");
        karl = h.await(karl, "basedOnBy lists the child", r -> r.getStatus().getBasedOnBy().equals(List.of("acme-3-30")));

        h.step("the karl release, used by no site, is deleted while acme is based on it");
        h.client().resource(karl).delete();
        karl = h.await(karl, "deletion blocked", r -> r.getStatus() != null
                && "DeletionBlocked".equals(Conditions.find(r.getStatus().getConditions(), "Reconciling").orElseThrow().getReason()));
        assertTrue(message(karl).contains("acme-3-30"), message(karl));
        assertTrue(registry.find(NS, "karl-3-30").isPresent(), "the parent is still served");
        assertTrue(registry.find(NS, "acme-3-30").isPresent(), "the child's index is not withdrawn");
        assertEquals("Published", reason(h.get(acme), "Ready"));

        h.step("the child goes away; the parent's deletion completes");
        h.client().resource(acme).delete();
        h.awaitDeleted(acme);
        h.awaitDeleted(karl);
        assertTrue(registry.find(NS, "karl-3-30").isEmpty());
    }

    @Test
    void aBasedOnCycleIsStalledNamingTheCycle() {
        h.step("two releases based on each other (CEL checks only a release naming itself)");
        ReleaseIndex a = h.apply(release("acme-a", "acme-b", pin("acme-karl", "1.4", 'c')));
        ReleaseIndex b = h.apply(release("acme-b", "acme-a", pin("karl", "3.30", 'a')));
        h.step("and a third one whose chain runs into the cycle");
        ReleaseIndex c = h.apply(release("acme-c", "acme-a", pin("acme-extra", "1.0", 'e')));

        for (ReleaseIndex release : List.of(a, b)) {
            release = h.awaitCondition(release, "Stalled", "True");
            assertEquals("BasedOnCycle", reason(release, "Stalled"));
            assertTrue(message(release).contains("acme-a -> acme-b -> acme-a")
                    || message(release).contains("acme-b -> acme-a -> acme-b"), message(release));
        }
        c = h.awaitCondition(c, "Stalled", "True");
        assertEquals("BasedOnCycle", reason(c, "Stalled"));
        assertTrue(message(c).contains("acme-a") && message(c).contains("acme-b"), message(c));

        h.step("breaking the cycle (re-creating acme-b without basedOn) lets every release through");
        h.client().resource(b).delete();
        h.awaitDeleted(b);
        h.apply(release("acme-b", null, pin("karl", "3.30", 'a')));
        h.awaitCondition(a, "Ready", "True");
        h.awaitCondition(c, "Ready", "True");
    }

    private static boolean started(Thread thread) {
        thread.start();
        return true;
    }

    @Test
    void aStatusWriteAnswered409IsRecomputedFromTheNewerCopyNotReapplied() {
        h.step("a customer release waits for its parent; its status records no accepted digest yet");
        ReleaseIndex acme = h.apply(release("acme-3-30", "karl-3-30", pin("acme-karl", "1.4", 'c')));
        acme = h.awaitCondition(acme, "Reconciling", "True");
        String digest = SpecDigest.of(acme.getSpec());

        h.step("the next status write of the operator meets another writer (a second operator instance, say): "
                + "it is answered 409 while the other writer records the accepted digest");
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        ReleaseIndex target = acme;
        // the other write goes from a thread of its own: the API server answers one request at a time
        Thread otherWriter = new Thread(() -> h.editStatus(target, r -> r.getStatus().setSpecDigest(digest)));
        h.faults().inject(org.karlproject.operator.sim.FaultRule.matching(request -> "update".equals(request.verb())
                && "releaseindexes".equals(request.resource()) && "status".equals(request.subresource())
                && "acme-3-30".equals(request.name()) && OperatorRunner.USER_AGENT.equals(request.userAgent())
                && raced.compareAndSet(false, true) && started(otherWriter)).times(1).respond(409));
        KarlSite site = new KarlSite();
        site.getMetadata().setName("acme-staging");
        site.getMetadata().setNamespace(NS);
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease("acme-3-30");
        spec.setDatabase("acme-staging");
        site.setSpec(spec);
        h.apply(site);

        h.step("the status finally written is computed from the newer copy: the other writer's digest is kept");
        acme = h.await(acme, "usedBy lists the site", r -> r.getStatus().getUsedBy().equals(List.of("acme-staging")));
        assertTrue(raced.get(), "the race happened");
        assertEquals(digest, acme.getStatus().getSpecDigest(), "the status from the older copy was re-applied over it");
    }
}
