package org.karlproject.operator.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.sim.SimulatedCluster;
import org.karlproject.operator.status.Conditions;

/**
 * The seed's release process, played against the operator on the simulated cluster: the first install of
 * acme's staging and production sites; an upgrade that needs an evolve, on staging first, rehearsed on a
 * copy of production, then promoted to production with the evolve run ops start; a broken release aborted
 * before it receives traffic; a rollback of production across its evolve, which needs consent; an upgrade
 * refused before the switch; and a release train through acme and two more customers, halted by one customer's
 * production ({@link TrainStep}); a drill proves a backup restores ({@link DrillStep}).
 */
public final class SeedStory {

    public static final String NS = "karl-acme";
    static final String STAGING = "acme-staging";
    static final String PRODUCTION = "acme-production";
    static final String OLD = "acme-3-30";
    static final String NEW = "acme-3-31";
    static final String BROKEN = "acme-3-32";
    static final String BROKEN_IMAGE = "registry.example.org/karl/acme@sha256:" + "0badc0de".repeat(8);
    /** A release whose evolve succeeds but whose evolved copy fails verification (a sandbox annotation). */
    static final String UNSOUND = "acme-3-33";
    static final String UNSOUND_IMAGE = "registry.example.org/karl/acme@sha256:" + "5ca1ab1e".repeat(8);
    /** The production EvolveRun ops create in step 4. */
    static final String PRODUCTION_RUN = "acme-production-to-3-31";

    private final KubernetesClient client;
    private final SimulatedCluster cluster;
    private final Path manifests;
    private final PrintStream out;
    private final Duration timeout;
    private final Story story;

    public SeedStory(KubernetesClient client, SimulatedCluster cluster, Path manifests, PrintStream out,
            Duration timeout, Clock clock) {
        this.client = client;
        this.cluster = cluster;
        this.manifests = manifests;
        this.out = out;
        this.timeout = timeout;
        this.story = new Story(out, clock);
    }

    /** Plays the story; 0 when every step ended as expected, 1 otherwise. */
    public int play() {
        story.step("First install: apply " + manifests + " (releases 3.30 and 3.31, databases, sites)", () -> {
            applyManifests();
            site(STAGING, s -> isStable(s, OLD));
            site(PRODUCTION, s -> isStable(s, OLD));
            expect(client.resources(EvolveRun.class).inNamespace(NS).list().getItems().isEmpty(),
                    "a first install runs no evolve");
            say("staging and production serve " + OLD + "; no evolve ran");
        });
        story.step("Staging upgrades to " + NEW + ": deploy, evolve a copy of its database, smoke-check, switch", () -> {
            editSite(STAGING, s -> s.getSpec().setRelease(NEW));
            KarlSite staging = site(STAGING, s -> isStable(s, NEW));
            expect(staging.getStatus().getVerifiedReleases().stream().anyMatch(v -> NEW.equals(v.getRelease())),
                    "staging lists " + NEW + " as verified");
            ZeoDatabase db = database(STAGING, d -> Long.valueOf(29).equals(d.getStatus().getGenerations().get("karl")));
            EvolveRun run = Await.value("staging's EvolveRun to succeed", timeout, () -> Optional.ofNullable(
                    staging.getStatus().getEvolveRun()).map(n -> client.resources(EvolveRun.class).inNamespace(NS)
                            .withName(n).get()).filter(r -> r.getStatus() != null
                                    && r.getStatus().getPhase() == EvolvePhase.Succeeded).orElse(null));
            expectReadOnlyUntilTheSwitch(run, site(STAGING, s -> isStable(s, NEW)));
            say("staging serves " + NEW + "; its database was evolved on a copy and now serves "
                    + db.getStatus().getActiveVolume() + "; read-only until traffic was on " + NEW);
        });
        story.step("Production rehearses the evolve on a copy (dry run): nothing switches, nothing goes read-only", () -> {
            String liveVolume = database(PRODUCTION, d -> d.getStatus().getActiveVolume() != null).getStatus().getActiveVolume();
            applyFiles(f -> f.getFileName().toString().startsWith("50-"));
            EvolveRun rehearsal = Await.value("the rehearsal to finish", timeout, () -> client.resources(EvolveRun.class)
                    .inNamespace(NS).list().getItems().stream()
                    .filter(r -> Boolean.TRUE.equals(r.getSpec().getDryRun()) && r.getStatus() != null
                            && r.getStatus().getPhase() != null && r.getStatus().getPhase().isTerminal())
                    .findFirst().orElse(null));
            expect(rehearsal.getStatus().getPhase() == EvolvePhase.Succeeded, "the rehearsal succeeded: "
                    + Conditions.find(rehearsal.getStatus().getConditions(), "Ready").map(c -> c.getMessage()).orElse(""));
            expect(liveVolume.equals(database(PRODUCTION, d -> true).getStatus().getActiveVolume()),
                    "production still serves its live volume");
            say("the dry run evolved a copy of production in " + rehearsal.getStatus().getSteps().size() + " steps");
        });
        story.step("Production moves to " + NEW + " (verified on staging); ops start the evolve run", () -> {
            editSite(PRODUCTION, s -> s.getSpec().setRelease(NEW));
            site(PRODUCTION, s -> s.getStatus() != null && s.getStatus().getPhase() == RolloutPhase.Evolving);
            EvolveRun run = new EvolveRun();
            run.getMetadata().setName(PRODUCTION_RUN);
            run.getMetadata().setNamespace(NS);
            EvolveRunSpec spec = new EvolveRunSpec();
            spec.setSite(PRODUCTION);
            spec.setRelease(NEW);
            run.setSpec(spec);
            client.resource(run).create();
            site(PRODUCTION, s -> isStable(s, NEW));
            EvolveRun done = Await.value("EvolveRun " + run.getMetadata().getName() + " to succeed", timeout, () -> {
                EvolveRun current = client.resource(run).get();
                return current.getStatus() != null && current.getStatus().getPhase() == EvolvePhase.Succeeded
                        ? current : null;
            });
            expectReadOnlyUntilTheSwitch(done, site(PRODUCTION, s -> isStable(s, NEW)));
            say("production serves " + NEW + "; it was read-only for " + done.getStatus().getReadOnlySeconds()
                    + " s while its database was copied, evolved and switched, and " + NEW + " was checked");
        });
        story.step("A broken release (" + BROKEN + ") is aborted on staging before it receives traffic", () -> {
            Map<String, String> before = client.services().inNamespace(NS)
                    .withName(org.karlproject.operator.site.rollout.SiteNames.stableService(STAGING)).get().getSpec().getSelector();
            ReleaseIndex broken = client.resources(ReleaseIndex.class).inNamespace(NS).withName(NEW).get();
            broken.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(BROKEN).withNamespace(NS).build());
            broken.setStatus(null);
            broken.getSpec().setVersion("3.32");
            broken.getSpec().setImage(BROKEN_IMAGE);
            cluster.neverReady(BROKEN_IMAGE);
            client.resource(broken).create();
            // A sandbox cannot wait the samples' ten minutes: a 15 s progress deadline for this rollout.
            editSite(STAGING, s -> {
                s.getSpec().setRelease(BROKEN);
                s.getSpec().getRollout().setProgressDeadlineSeconds(15);
            });
            KarlSite staging = site(STAGING, s -> s.getStatus() != null && s.getStatus().getPhase() == RolloutPhase.Aborted);
            Service stable = client.services().inNamespace(NS)
                    .withName(org.karlproject.operator.site.rollout.SiteNames.stableService(STAGING)).get();
            expect(Objects.equals(before, stable.getSpec().getSelector()), "the stable Service was never switched");
            expect(NEW.equals(staging.getStatus().getActiveRelease()), "staging still serves " + NEW);
            say("aborted: " + Conditions.find(staging.getStatus().getConditions(), "Stalled").map(c -> c.getMessage()).orElse(""));
        });
        story.step("Production rolls back to " + OLD + ": across an evolve, so only with consent to restore data", () -> {
            editSite(PRODUCTION, s -> s.getSpec().setRelease(OLD));
            KarlSite refused = site(PRODUCTION, s -> s.getStatus() != null
                    && Conditions.isTrue(s.getStatus().getConditions(), Conditions.STALLED));
            say("without consent: " + Conditions.find(refused.getStatus().getConditions(), "Stalled").map(c -> c.getMessage()).orElse(""));
            editSite(PRODUCTION, s -> {
                if (s.getSpec().getRollback() == null) {
                    s.getSpec().setRollback(new org.karlproject.operator.api.site.RollbackSpec());
                }
                s.getSpec().getRollback().setAllowDataRestore(true);
            });
            site(PRODUCTION, s -> isStable(s, OLD));
            ZeoDatabase db = database(PRODUCTION, d -> Long.valueOf(28).equals(d.getStatus().getGenerations().get("karl"))
                    && Conditions.isTrue(d.getStatus().getConditions(), Conditions.READY)
                    && d.getStatus().getReadOnly() != null && !Boolean.TRUE.equals(d.getStatus().getReadOnly().getActive()));
            say("production serves " + OLD + " again, writable, on its retained pre-evolve volume "
                    + db.getStatus().getActiveVolume());
        });
        story.step("An upgrade whose evolved copy fails verification (" + UNSOUND + ") is refused on staging, unharmed", () -> {
            ZeoDatabase before = database(STAGING, d -> d.getStatus().getActiveVolume() != null);
            ReleaseIndex unsound = client.resources(ReleaseIndex.class).inNamespace(NS).withName(NEW).get();
            unsound.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(UNSOUND).withNamespace(NS)
                    .withAnnotations(Map.of("sandbox.karlproject.org/verify-result", "Failed")).build());
            unsound.setStatus(null);
            unsound.getSpec().setVersion("3.33");
            unsound.getSpec().setImage(UNSOUND_IMAGE);
            // one more generation of each of its own managers: staging needs an evolve run to take it
            unsound.getSpec().getEvolve().forEach(m -> m.setGeneration(m.getGeneration() + 1));
            client.resource(unsound).create();
            editSite(STAGING, s -> {
                s.getSpec().setRelease(UNSOUND);
                s.getSpec().getRollout().setProgressDeadlineSeconds(600);
            });
            EvolveRun refused = Await.value("staging's EvolveRun for " + UNSOUND + " to fail", timeout, () -> client
                    .resources(EvolveRun.class).inNamespace(NS).list().getItems().stream()
                    .filter(r -> UNSOUND.equals(r.getSpec().getRelease()) && r.getStatus() != null
                            && r.getStatus().getPhase() == EvolvePhase.Failed).findFirst().orElse(null));
            String reason = Conditions.find(refused.getStatus().getConditions(), "Stalled").map(c -> c.getReason()).orElse("");
            expect("VerificationFailed".equals(reason), "the run failed VerificationFailed, not " + reason);
            KarlSite staging = site(STAGING, s -> s.getStatus() != null && s.getStatus().getPhase() == RolloutPhase.Aborted);
            expect(NEW.equals(staging.getStatus().getActiveRelease()), "staging still serves " + NEW);
            ZeoDatabase after = database(STAGING, d -> d.getStatus().getReadOnly() != null
                    && !Boolean.TRUE.equals(d.getStatus().getReadOnly().getActive()));
            expect(before.getStatus().getActiveVolume().equals(after.getStatus().getActiveVolume()),
                    "staging's database still serves " + before.getStatus().getActiveVolume() + ", writable");
            expect(before.getStatus().getGenerations().equals(after.getStatus().getGenerations()),
                    "at its generations " + after.getStatus().getGenerations());
            say("refused before the switch: " + Conditions.find(refused.getStatus().getConditions(), "Stalled")
                    .map(c -> c.getMessage()).orElse(""));
        });
        story.step("A release train moves karl 3.31 through acme, globex and initech; globex's production fails and "
                + "halts it", new TrainStep(this, client, timeout));
        story.step("A backup drill restores production's newest scheduled backup into a scratch volume, verifies it "
                + "and marks it verified", new DrillStep(this, client, timeout));
        story.printSummary();
        return story.failed() ? 1 : 0;
    }

    /**
     * Code and data moved together: the run held the database read-only through the evolve, the volume
     * switch and the candidate's checks (AwaitingTraffic), and its read-only window ends at or after the
     * site's traffic switch.
     */
    private void expectReadOnlyUntilTheSwitch(EvolveRun run, KarlSite site) {
        expect(run.getStatus().getSteps().stream().anyMatch(s -> s.getName() == EvolvePhase.AwaitingTraffic),
                "EvolveRun " + run.getMetadata().getName() + " held the database read-only until the traffic switch");
        java.time.Instant end = java.time.Instant.parse(run.getStatus().getReadOnlySince())
                .plusSeconds(run.getStatus().getReadOnlySeconds());
        expect(!end.isBefore(java.time.Instant.parse(site.getStatus().getSwitchedAt())), "the read-only window ("
                + run.getStatus().getReadOnlySince() + " + " + run.getStatus().getReadOnlySeconds()
                + " s) ends at or after the switch (" + site.getStatus().getSwitchedAt() + ")");
        expect(run.getStatus().getVerification() != null && Boolean.TRUE.equals(run.getStatus().getVerification().getPassed())
                && run.getStatus().getEvidence() != null && Objects.equals(run.getStatus().getEvidence().getLiveLastTransaction(),
                        run.getStatus().getEvidence().getCopyLastTransaction()),
                "EvolveRun " + run.getMetadata().getName() + " switched only to a verified copy, with the live and the copy's "
                        + "last transaction equal");
    }

    public List<Story.Outcome> outcomes() {
        return story.outcomes();
    }

    private void applyManifests() throws IOException {
        applyFiles(f -> !f.getFileName().toString().startsWith("50-"));
    }

    private void applyFiles(Predicate<Path> which) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(manifests)) {
            files = listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(which).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).createOr(existing -> existing.update());
                }
            }
            say("applied " + file.getFileName());
        }
    }

    private void editSite(String name, java.util.function.Consumer<KarlSite> change) {
        editSite(NS, name, change);
    }

    void editSite(String namespace, String name, java.util.function.Consumer<KarlSite> change) {
        client.resources(KarlSite.class).inNamespace(namespace).withName(name).edit(site -> {
            change.accept(site);
            return site;
        });
    }

    private KarlSite site(String name, Predicate<KarlSite> expected) {
        return site(NS, name, expected);
    }

    KarlSite site(String namespace, String name, Predicate<KarlSite> expected) {
        try {
            return Await.value("KarlSite " + name + " to reach the expected state", timeout, () -> {
                KarlSite site = client.resources(KarlSite.class).inNamespace(namespace).withName(name).get();
                return site != null && expected.test(site) ? site : null;
            });
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it is " + describe(
                    client.resources(KarlSite.class).inNamespace(namespace).withName(name).get()), e);
        }
    }

    /** What a person would look at: the phase and the current verdict. */
    private static String describe(KarlSite site) {
        if (site == null || site.getStatus() == null) {
            return "without status";
        }
        return "phase " + site.getStatus().getPhase() + ", active " + site.getStatus().getActiveRelease() + ", "
                + Conditions.health(site.getStatus().getConditions()).map(h -> h.reason() + ": " + h.message())
                        .orElse("no verdict");
    }

    private ZeoDatabase database(String site, Predicate<ZeoDatabase> expected) {
        return database(NS, site, expected);
    }

    /** The database of KarlSite {@code namespace/site}, once it shows {@code expected}. */
    ZeoDatabase database(String namespace, String site, Predicate<ZeoDatabase> expected) {
        String db = client.resources(KarlSite.class).inNamespace(namespace).withName(site).get().getSpec().getDatabase();
        return Await.value("ZeoDatabase " + db + " to reach the expected state", timeout, () -> {
            ZeoDatabase database = client.resources(ZeoDatabase.class).inNamespace(namespace).withName(db).get();
            return database != null && database.getStatus() != null && expected.test(database) ? database : null;
        });
    }

    static boolean isStable(KarlSite site, String release) {
        return site.getStatus() != null && site.getStatus().getPhase() == RolloutPhase.Stable
                && release.equals(site.getStatus().getActiveRelease())
                && Conditions.isTrue(site.getStatus().getConditions(), Conditions.READY);
    }

    static void expect(boolean fact, String description) {
        if (!fact) {
            throw new AssertionError("expected: " + description);
        }
    }

    void say(String line) {
        out.println("    " + line);
    }
}
