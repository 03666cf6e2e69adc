package org.karlproject.operator.sandbox;

import static org.karlproject.operator.sandbox.SeedStory.expect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.api.train.SiteState;
import org.karlproject.operator.api.train.TrainPhase;
import org.karlproject.operator.api.train.TrainSite;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.status.Conditions;

/**
 * The story's fleet step: the release train of {@code samples/60-train-karl-3-31.yaml} moves karl 3.31 through
 * acme, globex and initech (samples 70 and 71): staging first, then production as a canary (acme) and waves of
 * one, each baking 2 s. globex's release is broken for production (its evolve outlasts production's read-only
 * budget): its production fails, the train halts on its failure budget (0), and initech's production never
 * starts. Every site the train did not move to its target keeps its release, its database's volume and
 * generations; no site's spec.release changed.
 */
final class TrainStep implements Story.Step {

    static final String TRAIN = "weekly";
    static final String LABEL = "karl.example.org/train";
    static final String GLOBEX = "karl-globex";
    static final String INITECH = "karl-initech";
    static final int BAKE_SECONDS = 2;
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    /** One site of the fleet, and the release it runs before the train. */
    record Site(String namespace, String name, String release) {
        String key() {
            return namespace + "/" + name;
        }
    }

    /** What a site runs and serves before the train: its release, its database's volume and generations. */
    record Data(String specRelease, String active, String volume, Map<String, Long> generations) {
    }

    static final Site ACME_STAGING = new Site(SeedStory.NS, SeedStory.STAGING, SeedStory.NEW);
    static final Site ACME_PRODUCTION = new Site(SeedStory.NS, SeedStory.PRODUCTION, SeedStory.OLD);
    static final Site GLOBEX_PRODUCTION = new Site(GLOBEX, "globex-production", "globex-3-30");
    static final Site INITECH_PRODUCTION = new Site(INITECH, "initech-production", "initech-3-30");
    /** The six sites, staging first, each with the release it runs before the train. */
    static final List<Site> FLEET = List.of(ACME_STAGING, new Site(GLOBEX, "globex-staging", "globex-3-30"),
            new Site(INITECH, "initech-staging", "initech-3-30"), ACME_PRODUCTION, GLOBEX_PRODUCTION,
            INITECH_PRODUCTION);

    private final SeedStory story;
    private final KubernetesClient client;
    private final Duration timeout;

    TrainStep(SeedStory story, KubernetesClient client, Duration timeout) {
        this.story = story;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        // acme's staging goes back to the release it verified (the story's last step left it on the refused 3.33)
        story.editSite(SeedStory.NS, SeedStory.STAGING, s -> s.getSpec().setRelease(SeedStory.NEW));
        Map<Site, Data> before = new LinkedHashMap<>();
        for (Site site : FLEET) {
            KarlSite stable = story.site(site.namespace(), site.name(), s -> SeedStory.isStable(s, site.release()));
            ZeoDatabase db = story.database(site.namespace(), site.name(), d -> d.getStatus().getActiveVolume() != null);
            before.put(site, new Data(stable.getSpec().getRelease(), site.release(), db.getStatus().getActiveVolume(),
                    Map.copyOf(db.getStatus().getGenerations())));
        }
        // Step 4's run no longer describes production's data (step 6 restored it): the site asks for it to go
        client.resources(EvolveRun.class).inNamespace(SeedStory.NS).withName(SeedStory.PRODUCTION_RUN).delete();
        Await.value("EvolveRun " + SeedStory.PRODUCTION_RUN + " to be gone", timeout, () -> client
                .resources(EvolveRun.class).inNamespace(SeedStory.NS).withName(SeedStory.PRODUCTION_RUN).get() == null
                        ? Boolean.TRUE : null);
        // A sandbox cannot wait the sample's 600 s bakes: 2 s, waves of one. acme has three releases on karl
        // 3.31 (3.31 and the story's 3.32 and 3.33): the train never guesses, so ops name acme-3-31. (Merge
        // patches, as kubectl label and kubectl patch send them: no conflict with the operator's status writes.)
        client.resources(ReleaseTrain.class).inNamespace(SeedStory.NS).withName(TRAIN).patch(MERGE, """
                {"spec": {"stages": {"canary": 1, "maxParallel": "1", "bakeSeconds": %d}, "failureBudget": 0,
                  "overrides": [{"namespace": "%s", "site": "%s", "release": "%s"},
                                {"namespace": "%s", "site": "%s", "release": "%s"}]}}"""
                .formatted(BAKE_SECONDS, SeedStory.NS, SeedStory.STAGING, SeedStory.NEW, SeedStory.NS,
                        SeedStory.PRODUCTION, SeedStory.NEW));
        for (Site site : FLEET) {
            client.resources(KarlSite.class).inNamespace(site.namespace()).withName(site.name())
                    .patch(MERGE, "{\"metadata\": {\"labels\": {\"" + LABEL + "\": \"" + TRAIN + "\"}}}");
        }
        story.say("labelled the six sites " + LABEL + "=" + TRAIN);
        // acme's production evolves Manual: ops start its run when the train has moved it to acme-3-31
        story.site(SeedStory.NS, SeedStory.PRODUCTION, s -> s.getStatus() != null
                && s.getStatus().getPhase() == RolloutPhase.Evolving && SeedStory.NEW.equals(s.getStatus().getTargetRelease()));
        EvolveRun run = new EvolveRun();
        run.getMetadata().setName("acme-production-train-3-31");
        run.getMetadata().setNamespace(SeedStory.NS);
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite(SeedStory.PRODUCTION);
        spec.setRelease(SeedStory.NEW);
        run.setSpec(spec);
        client.resource(run).create();
        story.say("the train's canary acme-production waits for its Manual evolve: created EvolveRun "
                + run.getMetadata().getName());

        ReleaseTrain halted = Await.value("ReleaseTrain " + TRAIN + " to halt", timeout, () -> {
            ReleaseTrain train = client.resources(ReleaseTrain.class).inNamespace(SeedStory.NS).withName(TRAIN).get();
            return train.getStatus() != null && train.getStatus().getPhase() == TrainPhase.Halted ? train : null;
        });
        story.say(TrainTable.of(halted).stripTrailing().replace("\n", "\n    "));
        expectRows(halted);
        expectUnharmed(halted, before);
        story.say("halted: " + Conditions.find(halted.getStatus().getConditions(), "Stalled").map(c -> c.getMessage())
                .orElse(""));
    }

    /** Staging first, then the canary, its bake, wave 1; globex's production failed; initech's never started. */
    private static void expectRows(ReleaseTrain train) {
        Map<String, SiteState> expected = Map.of("acme-staging", SiteState.Skipped, "globex-staging", SiteState.Succeeded,
                "initech-staging", SiteState.Succeeded, "acme-production", SiteState.Succeeded,
                "globex-production", SiteState.Failed, "initech-production", SiteState.Waiting);
        for (Site site : FLEET) {
            TrainSite row = row(train, site);
            expect(row.getState() == expected.get(site.name()), site.key() + " is " + expected.get(site.name())
                    + " on the train, not " + row.getState() + " (" + row.getMessage() + ")");
        }
        expect(row(train, GLOBEX_PRODUCTION).getMessage().contains("Aborted"), "globex-production failed because its "
                + "rollout aborted: " + row(train, GLOBEX_PRODUCTION).getMessage());
        expect(Integer.valueOf(0).equals(row(train, ACME_PRODUCTION).getWave())
                && Integer.valueOf(1).equals(row(train, GLOBEX_PRODUCTION).getWave()), "acme-production was the canary, "
                        + "globex-production wave 1");
        expect(row(train, INITECH_PRODUCTION).getStarted() == null, "initech-production never started");
        Instant stagingDone = FLEET.stream().filter(s -> s.name().endsWith("-staging")).map(s -> Instant.parse(row(train, s).getFinished()))
                .max(Instant::compareTo).orElseThrow();
        Instant canaryStarted = Instant.parse(row(train, ACME_PRODUCTION).getStarted());
        Instant canaryBaked = Instant.parse(row(train, ACME_PRODUCTION).getFinished());
        Instant waveStarted = Instant.parse(row(train, GLOBEX_PRODUCTION).getStarted());
        expect(!canaryStarted.isBefore(stagingDone), "the canary started after every staging site finished");
        expect(!waveStarted.isBefore(canaryBaked), "wave 1 started after the canary's bake");
    }

    /**
     * The sites the train did not move to their target (the failed one, the one that never started, the skipped
     * one) keep their release, and their databases their volume and generations, Ready and writable; the moved ones run
     * their target; no spec.release changed (the train writes only its own status).
     */
    private void expectUnharmed(ReleaseTrain train, Map<Site, Data> before) {
        for (Site site : FLEET) {
            Data was = before.get(site);
            TrainSite row = row(train, site);
            boolean moved = row.getState() == SiteState.Succeeded;
            String serves = moved ? row.getTo() : was.active();
            // the failed site's rollout aborted: it serves its release, as after any abort, but is not Ready
            boolean failed = row.getState() == SiteState.Failed;
            KarlSite now = story.site(site.namespace(), site.name(), s -> s.getStatus() != null
                    && serves.equals(s.getStatus().getActiveRelease()) && (failed
                            ? s.getStatus().getPhase() == RolloutPhase.Aborted
                            : Conditions.isTrue(s.getStatus().getConditions(), Conditions.READY)));
            expect(was.specRelease().equals(now.getSpec().getRelease()), site.key() + "'s spec.release is still "
                    + was.specRelease());
            ZeoDatabase db = story.database(site.namespace(), site.name(), d -> d.getStatus().getReadOnly() != null
                    && !Boolean.TRUE.equals(d.getStatus().getReadOnly().getActive())
                    && Conditions.isTrue(d.getStatus().getConditions(), Conditions.READY));
            if (moved) {
                expect(Long.valueOf(29).equals(db.getStatus().getGenerations().get("karl")), site.key()
                        + "'s database was evolved to karl generation 29");
                continue;
            }
            expect(was.volume().equals(db.getStatus().getActiveVolume()) && was.generations().equals(
                    db.getStatus().getGenerations()), site.key() + "'s database still serves " + was.volume() + " at "
                            + was.generations() + ", writable (it serves " + db.getStatus().getActiveVolume() + " at "
                            + db.getStatus().getGenerations() + ")");
        }
        EvolveRun failed = client.resources(EvolveRun.class).inNamespace(GLOBEX).list().getItems().stream()
                .filter(r -> "globex-3-31".equals(r.getSpec().getRelease()) && r.getStatus() != null
                        && r.getStatus().getPhase() == EvolvePhase.Failed).findFirst().orElse(null);
        String reason = Optional.ofNullable(failed).flatMap(r -> Conditions.find(r.getStatus().getConditions(),
                "Stalled")).map(c -> c.getReason()).orElse("none");
        expect(Objects.equals("ReadOnlyBudgetExceeded", reason), "globex-production's EvolveRun failed "
                + "ReadOnlyBudgetExceeded (before the switch), not " + reason);
    }

    private static TrainSite row(ReleaseTrain train, Site site) {
        return train.getStatus().getSites().stream().filter(r -> r.key().equals(site.key())).findFirst()
                .orElseThrow(() -> new AssertionError("expected: a row for " + site.key() + " on the train"));
    }
}
