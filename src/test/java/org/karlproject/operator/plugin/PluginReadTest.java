package org.karlproject.operator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ReadOnlyStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.api.site.SiteRelease;
import org.karlproject.operator.sim.ApiServer;

/**
 * The reading commands against the embedded API server, on the samples with statuses written as the
 * reconcilers would (no operator runs: the plugin only reads here).
 */
class PluginReadTest {

    static final String NS = "karl-acme";
    static ApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void world() throws Exception {
        server = ApiServer.start();
        client = server.adminClient();
        applySamples(client);
        client.resources(KarlSite.class).inNamespace(NS).withName("acme-staging").editStatus(s -> {
            KarlSiteStatus st = new KarlSiteStatus();
            st.setPhase(RolloutPhase.Evolving);
            st.setMode(SiteMode.Normal);
            st.setActiveRelease("acme-3-30");
            st.setTargetRelease("acme-3-31");
            st.setEvolveRun("acme-staging-acme-3-31-abc123");
            st.setReleases(List.of(release("acme-3-31", "Candidate", "acme-staging-b2"), release("acme-3-30", "Active", "acme-staging-a1")));
            RollbackOption option = new RollbackOption();
            option.setRelease("acme-3-29");
            option.setKind(org.karlproject.operator.api.site.RollbackKind.FastSwitch);
            st.setRollback(List.of(option));
            st.getConditions().add(new ConditionBuilder().withType("Reconciling").withStatus("True").withReason("Evolving")
                    .withMessage("waiting for EvolveRun acme-staging-acme-3-31-abc123").build());
            s.setStatus(st);
            return s;
        });
        client.resources(ZeoDatabase.class).inNamespace(NS).withName("acme-staging").editStatus(d -> {
            ZeoDatabaseStatus st = new ZeoDatabaseStatus();
            st.setActiveVolume("acme-staging-data-1");
            st.setGenerations(new java.util.TreeMap<>(Map.of("karl", 28L, "acme", 4L)));
            ReadOnlyStatus ro = new ReadOnlyStatus();
            ro.setActive(true);
            ro.setSince("2026-12-01T10:00:05Z");
            ReadOnlyHolder holder = new ReadOnlyHolder();
            holder.setKind(org.karlproject.operator.api.database.HolderKind.EvolveRun);
            holder.setName("acme-staging-acme-3-31-abc123");
            ro.setHolders(List.of(holder));
            st.setReadOnly(ro);
            BackupRecord backup = new BackupRecord();
            backup.setName("acme-staging-backup-1");
            backup.setTime("2026-12-01T09:00:00Z");
            backup.setState(org.karlproject.operator.api.database.BackupState.Ready);
            st.setLastBackup(backup);
            BackupRecord verified = new BackupRecord();
            verified.setName("acme-staging-backup-0");
            verified.setTime("2026-11-30T09:00:00Z");
            verified.setVerified(true);
            verified.setVerifiedAt("2026-11-30T09:20:00Z");
            st.setLastVerifiedBackup(verified);
            var pack = new org.karlproject.operator.api.database.PackStatus();
            pack.setId("2026-11-30T03:00:00Z");
            pack.setResult(org.karlproject.operator.api.database.PackResult.Succeeded);
            pack.setSizeBeforeBytes(3L * 1024 * 1024 * 1024 / 2);
            pack.setSizeAfterBytes(320L * 1024 * 1024);
            pack.setDurationSeconds(42L);
            st.setPack(pack);
            PreviousVolume previous = new PreviousVolume();
            previous.setName("acme-staging-data-0");
            previous.setReason("Evolve acme-staging-old");
            previous.setRetiredAt("2026-11-30T10:00:00Z");
            st.setPreviousVolumes(List.of(previous));
            var discard = new org.karlproject.operator.api.database.RollbackDiscard();
            discard.setSite("acme-staging");
            discard.setDiscardedVolume("acme-staging-data-1");
            discard.setAfterTransaction("00000000000000a1");
            discard.setUpToTransaction("00000000000000c3");
            st.setRollbackDiscard(discard);
            d.setStatus(st);
            return d;
        });
        EvolveRun run = new EvolveRun();
        run.getMetadata().setName("acme-staging-acme-3-31-abc123");
        run.getMetadata().setNamespace(NS);
        run.setSpec(new org.karlproject.operator.api.evolve.EvolveRunSpec());
        run.getSpec().setSite("acme-staging");
        run.getSpec().setRelease("acme-3-31");
        client.resource(run).create();
        client.resources(EvolveRun.class).inNamespace(NS).withName(run.getMetadata().getName()).editStatus(r -> {
            EvolveRunStatus st = new EvolveRunStatus();
            st.setPhase(EvolvePhase.Evolving);
            st.setSteps(List.of(step(EvolvePhase.BaseSnapshot, "2026-12-01T10:00:00Z", "2026-12-01T10:00:02.500Z", "Succeeded"),
                    step(EvolvePhase.Evolving, "2026-12-01T10:00:10Z", null, null)));
            st.setFromGenerations(new java.util.TreeMap<>(Map.of("karl", 28L)));
            st.setToGenerations(new java.util.TreeMap<>(Map.of("karl", 29L)));
            r.setStatus(st);
            return r;
        });
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("acme-staging-a1")
                .addToLabels("deploy.karlproject.org/site", "acme-staging").endMetadata().withNewSpec().withReplicas(2).endSpec().withNewStatus().withReadyReplicas(2).endStatus().build()).create();
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName("ev1").endMetadata()
                .withType("Normal").withReason("EvolveStarted").withMessage("created EvolveRun acme-staging-acme-3-31-abc123")
                .withLastTimestamp("2026-12-01T10:00:00Z").withNewInvolvedObject().withKind("KarlSite").withName("acme-staging")
                .withNamespace(NS).endInvolvedObject().build()).create();
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName("ev2").endMetadata()
                .withType("Normal").withReason("Other").withMessage("about production")
                .withLastTimestamp("2026-12-01T10:00:00Z").withNewInvolvedObject().withKind("KarlSite").withName("acme-production")
                .withNamespace(NS).endInvolvedObject().build()).create();
    }

    /** Applies the samples (but the 50- EvolveRuns); how many of the objects are of the operator's kinds. */
    static int applySamples(KubernetesClient client) throws Exception {
        int ours = 0;
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().startsWith("50-"))
                    .sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata item : client.load(in).items()) {
                        client.resource(item).create();
                        ours += item.getApiVersion().startsWith(org.karlproject.operator.api.Api.GROUP + "/") ? 1 : 0;
                    }
                }
            }
        }
        return ours;
    }

    static SiteRelease release(String name, String state, String deployment) {
        SiteRelease r = new SiteRelease();
        r.setRelease(name);
        r.setState(org.karlproject.operator.api.site.ReleaseState.valueOf(state));
        r.setDeployment(deployment);
        r.setRevision(deployment.substring(deployment.lastIndexOf('-') + 1));
        return r;
    }

    static EvolveStepRecord step(EvolvePhase name, String started, String finished, String outcome) {
        EvolveStepRecord step = new EvolveStepRecord();
        step.setName(name);
        step.setStarted(started);
        step.setFinished(finished);
        step.setOutcome(outcome == null ? null : org.karlproject.operator.api.evolve.StepOutcome.valueOf(outcome));
        return step;
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void statusDrawsTheSiteItsRevisionsDatabaseRunAndEvents() {
        PluginRun r = PluginRun.run(client, "status", "acme-staging", "-n", NS);
        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        assertTrue(out.contains("KarlSite karl-acme/acme-staging  Evolving  mode Normal"), out);
        assertTrue(out.contains("active acme-3-30   target acme-3-31"), out);
        assertTrue(out.contains("waiting   Evolving: waiting for EvolveRun acme-staging-acme-3-31-abc123"), out);
        assertTrue(out.matches("(?s).*acme-3-31\\s+Candidate\\s+rev b2\\s+acme-staging-b2\\s+no Deployment.*"), out);
        assertTrue(out.matches("(?s).*acme-3-30\\s+Active\\s+rev a1\\s+acme-staging-a1\\s+2/2 ready.*"), out);
        assertTrue(out.contains("volume    acme-staging-data-1   read-only since 2026-12-01T10:00:05Z"), out);
        assertTrue(out.contains("held by EvolveRun/acme-staging-acme-3-31-abc123"), out);
        assertTrue(out.contains("generations acme=4 karl=28"), out);
        assertTrue(out.contains("last backup acme-staging-backup-1 2026-12-01T09:00:00Z Ready"), out);
        assertTrue(out.contains("verified  acme-staging-backup-0 (backup of 2026-11-30T09:00:00Z) at 2026-11-30T09:20:00Z"), out);
        assertTrue(out.contains("pack      2026-11-30T03:00:00Z Succeeded 1.5 GiB -> 320 MiB in 42s"), out);
        assertTrue(out.contains("previous  acme-staging-data-0"), out);
        assertTrue(out.contains("rollback discards acme-staging-data-1 transactions after 00000000000000a1 up to "
                + "00000000000000c3 (KarlSite/acme-staging)"), out);
        assertTrue(out.contains("EvolveRun acme-staging-acme-3-31-abc123  Evolving  acme-3-31  karl=28 -> karl=29"), out);
        assertTrue(out.matches("(?s).*BaseSnapshot\\s+10:00:00\\s+2\\.5s\\s+Succeeded.*"), out);
        assertTrue(out.matches("(?s).*Evolving\\s+10:00:10\\s+\\S+…\\s+running.*"), out);
        assertTrue(out.contains("EvolveStarted"), out);
        assertFalse(out.contains("about production"), "only the site's own events: " + out);
        assertFalse(out.contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void statusAsJsonHasTheObjectsTheTreeIsDrawnFrom() throws Exception {
        PluginRun r = PluginRun.run(client, "-n", NS, "status", "acme-staging", "-o", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode json = Session.JSON.readTree(r.out());
        assertEquals("Evolving", json.at("/site/status/phase").asText());
        assertEquals("acme-staging-data-1", json.at("/database/status/activeVolume").asText());
        assertEquals("acme-staging-acme-3-31-abc123", json.at("/evolveRun/metadata/name").asText());
        assertEquals(2, json.at("/deployments/0/ready").asInt());
        PluginRun yaml = PluginRun.run(client, "-n", NS, "status", "acme-staging", "-o", "yaml");
        assertTrue(yaml.out().contains("activeVolume: acme-staging-data-1"), yaml::toString);
    }

    @Test
    void getListsEveryKarlResourceOneLineEach() {
        PluginRun r = PluginRun.run(client, "get", "-n", NS);
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(4 + 2 + 2 + 1 + 1, lines.size(), r.out()); // releases, databases, sites, the run, the train
        assertTrue(lines.stream().anyMatch(l -> l.matches("releasetrain/weekly\\s+\\(no status yet\\)\\s+karl 3\\.31")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("releaseindex/acme-3-31\\s+NotReady\\s+3\\.31-acme\\.1 on karl-3-31\\s+2 packages.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("karlsite/acme-staging\\s+Evolving\\s+acme-3-30 -> acme-3-31\\s+mode Normal\\s+Evolving")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("zeodatabase/acme-staging\\s+NotReady\\s+acme-staging-data-1\\s+read-only by EvolveRun/acme-staging-acme-3-31-abc123.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("evolverun/acme-staging-acme-3-31-abc123\\s+Evolving\\s+site acme-staging\\s+release acme-3-31.*")), r.out());

        PluginRun all = PluginRun.run(client, "get", "-A");
        // every namespace's resources, each line led by its namespace (the samples have three customers)
        assertTrue(all.out().lines().allMatch(l -> l.matches("karl-(acme|globex|initech) .*")), all::toString);
        assertTrue(all.out().lines().anyMatch(l -> l.matches("karl-globex\\s+karlsite/globex-production\\s.*")),
                all::toString);
        PluginRun json = PluginRun.run(client, "get", "-n", NS, "-o", "json");
        assertTrue(json.out().contains("\"kind\" : \"List\""), json::toString);
    }

    @Test
    void releaseDiffShowsPackagesGenerationsReindexAndChangelogs() {
        PluginRun r = PluginRun.run(client, "-n", NS, "release", "diff", "acme-3-30", "acme-3-31");
        assertEquals(0, r.exit(), r::toString);
        String out = r.out();
        assertTrue(out.contains("~ karl 3.30 -> 3.31"), out);
        assertTrue(out.contains("~ acme 1.7 -> 1.8") || out.matches("(?s).*~ acme \\S+ -> 1\\.8.*"), out);
        assertFalse(out.contains("repoze.bfg"), "an unchanged pin is not listed: " + out);
        assertTrue(out.matches("(?s).*karl\\s+28 -> 29.*"), out);
        assertTrue(out.matches("(?s).*acme\\s+4 -> 5.*step 5: reindexes allowed.*"), out);
        assertTrue(out.contains("Reindex  allowed, creation_date, texts"), out);
        assertTrue(out.contains("Changelog of acme-3-31"), out);
        assertTrue(out.contains("Changelog of karl-3-31"), out);
        assertTrue(out.contains("Changelog of acme-3-30"), out);

        PluginRun missing = PluginRun.run(client, "-n", NS, "release", "diff", "acme-3-30", "nope");
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("ReleaseIndex karl-acme/nope not found"), missing::toString);
    }

    @Test
    void configDiffComparesTheTwoSitesSettings() {
        PluginRun r = PluginRun.run(client, "-n", NS, "config", "diff", "acme-production", "acme-staging");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("karl.ini: differs"), r.out());
        assertTrue(r.out().matches("(?s).*    - .*\\n.*    \\+ .*"), r.out());
    }

    @Test
    void exitCodesAndHelp() {
        PluginRun missing = PluginRun.run(client, "-n", NS, "status", "nope");
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("KarlSite karl-acme/nope not found"), missing::toString);

        try (KubernetesClient nowhere = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1/").withRequestRetryBackoffLimit(0)
                        .build()).build()) {
            PluginRun unreachable = PluginRun.run(nowhere, "get", "-n", NS);
            assertEquals(1, unreachable.exit(), unreachable::toString);
            assertTrue(unreachable.err().contains("cannot talk to the API server"), unreachable::toString);
        }

        PluginRun bad = PluginRun.run(client, "status", "--bogus");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("unknown option --bogus") && bad.err().contains("Usage: kubectl karl status"), bad::toString);
        assertEquals(2, PluginRun.run(client, "frobnicate").exit());
        assertEquals(2, PluginRun.run(client).exit());

        for (String command : KubectlKarl.COMMANDS.keySet()) {
            PluginRun help = PluginRun.run(null, command, "--help");
            assertEquals(0, help.exit(), help::toString);
            assertTrue(help.out().startsWith("Usage: kubectl karl " + command), help::toString);
            assertTrue(help.out().contains("--kubeconfig"), help::toString);
        }
        PluginRun all = PluginRun.run(null, "--help");
        assertEquals(0, all.exit());
        KubectlKarl.COMMANDS.keySet().forEach(c -> assertTrue(all.out().contains("  " + c + " "), all::toString));
    }

    @Test
    void reportZipsTheKarlResourcesTheirChildrenAndEventsButNoSecret(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        client.secrets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("acme-staging-credentials").addToLabels("deploy.karlproject.org/site", "acme-staging").endMetadata()
                .addToStringData("password", "hunter2").build()).create();
        client.pods().inNamespace("karl-system").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName("karl-operator-0").addToLabels("app.kubernetes.io/name", "karl-operator").endMetadata().build()).create();
        Path zip = dir.resolve("report.zip");
        PluginRun r = PluginRun.run(client, "-n", NS, "report", "--output", zip.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("9 karl resources"), r.out());
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(entries.containsKey("karl-acme/KarlSite/acme-staging.yaml"), entries.keySet()::toString);
        assertTrue(entries.containsKey("karl-acme/ReleaseIndex/karl-3-31.yaml"), entries.keySet()::toString);
        assertTrue(entries.containsKey("karl-acme/Deployment/acme-staging-a1.yaml"), entries.keySet()::toString);
        assertTrue(entries.containsKey("karl-acme/ConfigMap/acme-staging-etc.yaml"), entries.keySet()::toString);
        assertTrue(entries.get("events.yaml").contains("EvolveStarted"));
        assertTrue(entries.get("summary.txt").contains("KarlSite karl-acme/acme-staging  Evolving"), entries.get("summary.txt"));
        assertTrue(entries.keySet().stream().noneMatch(n -> n.contains("Secret")), entries.keySet()::toString);
        assertTrue(entries.get("summary.txt").contains("not collected: the log of operator pod karl-system/karl-operator-0"),
                "the simulated cluster has no container logs; the report says so: " + entries.keySet() + entries.get("summary.txt"));
        assertTrue(entries.values().stream().noneMatch(v -> v.contains("hunter2") || v.contains("aHVudGVyMg")), () -> entries.get("logs/karl-system/karl-operator-0.log"));

        PluginRun one = PluginRun.run(client, "-n", NS, "report", "acme-production", "--output", dir.resolve("p.zip").toString());
        assertEquals(0, one.exit(), one::toString);
        assertTrue(one.out().contains("4 karl resources"), "the site, its database, acme-3-30 and its base karl-3-30: " + one.out());
    }

    @Test
    void completionPrintsABashScript() {
        PluginRun r = PluginRun.run(null, "completion", "bash");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("complete -F _kubectl_karl kubectl-karl"), r.out());
        assertTrue(r.out().contains("status get mode rollback"), r.out());
        assertEquals(2, PluginRun.run(null, "completion", "fish").exit());
    }
}
