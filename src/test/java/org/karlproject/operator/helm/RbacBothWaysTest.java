package org.karlproject.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.karlproject.operator.Reconcilers;
import org.karlproject.operator.api.database.BackupSpec;
import org.karlproject.operator.api.database.DeletionPolicy;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.RouteKind;
import org.karlproject.operator.api.site.RouteParentRef;
import org.karlproject.operator.api.site.RoutingSpec;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.database.DatabaseObjects;
import org.karlproject.operator.database.Snapshots;
import org.karlproject.operator.release.ReleaseRegistry;
import org.karlproject.operator.sandbox.SeedStory;
import org.karlproject.operator.sim.ApiRequest;
import org.karlproject.operator.sim.ApiServer;
import org.karlproject.operator.sim.EvolveJobContract;
import org.karlproject.operator.sim.FaultRule;
import org.karlproject.operator.sim.JobMatcher;
import org.karlproject.operator.sim.OperatorRunner;
import org.karlproject.operator.sim.Requests;
import org.karlproject.operator.sim.SimHarness;
import org.karlproject.operator.testing.TestClock;
import org.karlproject.operator.sim.VolumeSnapshots;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * Least privilege, checked both ways (issue 9, item 2). The whole operator runs on the simulated cluster
 * through a workload that makes every kind of request its code makes: the sandbox's seed story (first
 * install, upgrade with an automatic evolve, dry run, manual evolve, aborted release, data-restore
 * rollback) plus what the story does not reach (backups scheduled, on demand and pruned; each deletion
 * policy; Maintenance and ReadOnly modes; deleting a site and a release). Every request the operator sent
 * is mapped to the permission RBAC checks ({@code group/resource[/subresource]:verb}) and compared with the
 * rules of the chart's ClusterRole (default values):
 * <ul>
 *   <li>every permission used is granted by a rule, or the operator would fail on a real cluster;</li>
 *   <li>every permission granted is used by some request, or it is more than the operator needs;
 *       the only exceptions are {@link #NEEDED_BY_ADMISSION}, each with its reason.</li>
 * </ul>
 * Leader election has its own Role and is checked on its own ({@link #leaderElectionNeedsOnlyItsLeaseRole}).
 */
class RbacBothWaysTest {

    static final String GROUP = "deploy.karlproject.org";
    static final String NS = SeedStory.NS;

    /**
     * Grants that no request uses, but that a real API server requires of the operator's requests through
     * the OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift and in many hardened
     * clusters): setting an ownerReference with {@code blockOwnerDeletion: true} needs {@code update} on the
     * owner's {@code finalizers} subresource, and creating an object with any ownerReference needs
     * {@code delete} on that object's resource. Keep this list short and each reason exact.
     */
    static final Map<String, String> NEEDED_BY_ADMISSION = Map.of(
            GROUP + "/zeodatabases/finalizers:update",
            "the ZEO Deployment, ConfigMap, Service and NetworkPolicy are owned by their ZeoDatabase with "
                    + "blockOwnerDeletion (DatabaseObjects)",
            GROUP + "/karlsites/finalizers:update",
            "every site child (release Deployments, Services, ConfigMaps, workers, smoke-check Job, automatic "
                    + "EvolveRun) is owned by its KarlSite with blockOwnerDeletion (SiteMeta.owner)",
            GROUP + "/releaseindexes/finalizers:update",
            "the frozen spec ConfigMap is owned by its ReleaseIndex with blockOwnerDeletion (AcceptedReleases)",
            GROUP + "/evolveruns/finalizers:update",
            "the evolve Job is owned by its EvolveRun with blockOwnerDeletion (EvolveJob)",
            GROUP + "/evolveruns:delete",
            "an Automatic KarlSite creates its EvolveRun with an ownerReference (SiteEvolveRun.of); the "
                    + "operator never deletes one",
            "networking.k8s.io/networkpolicies:delete",
            "the ZEO NetworkPolicy is created with an ownerReference (DatabaseObjects); it goes with its "
                    + "ZeoDatabase through garbage collection, never by an operator request",
            "/services:delete",
            "ZEO, stable and preview Services are created with ownerReferences; none is ever deleted by a request",
            "batch/cronjobs:delete",
            "the digest CronJob is created with its KarlSite's ownerReference; it is never deleted by a request");

    final TestClock clock = TestClock.real();
    /** On a cluster that serves the Gateway API, so that the HTTPRoute requests are made too. */
    final SimHarness h = withGatewayApi(SimHarness.withoutOperator(() -> Reconcilers.all(new ReleaseRegistry(), clock))
            .timeout(Duration.ofSeconds(60)));

    private static SimHarness withGatewayApi(SimHarness harness) {
        harness.server().gatewayApi(true);
        harness.operator().start();
        return harness;
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void theClusterRoleGrantsExactlyWhatTheOperatorUses() throws IOException {
        playTheSeedStory();
        anEvolveRunFailsWhileItsJobRuns();
        maintenanceAndReadOnlyModes();
        routesFollowTheHostnames();
        keptReleasesAreRetired();
        backupsScheduledOnDemandAndPruned();
        aSpecChangeUpdatesEveryZeoObject();
        deletionPolicies();
        deleteASiteAndItsRelease();

        Requests operator = h.requests().snapshot().from(OperatorRunner.USER_AGENT);
        SortedSet<String> used = operator.permissions();
        SortedSet<String> granted = grants(RenderedChart.render(Map.of()).single("ClusterRole"));
        System.out.println(table(operator));
        // every request of every client, in order, to read when a permission's origin is unclear
        Files.writeString(Path.of("target", "rbac-requests.txt"), h.requests().snapshot().toString());
        System.out.println(operator.filter(r -> r.verb().equals("list")).list().stream()
                .map(r -> r.path().replaceAll("[?&]resourceVersion=[^&]*", "")).distinct().sorted()
                .collect(Collectors.joining("\n  ", "informers (list requests):\n  ", "")));

        SortedSet<String> missing = minus(used, granted);
        if (!missing.isEmpty()) {
            fail("the operator made requests the ClusterRole does not allow: " + missing + "\nAdd a rule to "
                    + "helm/karl-operator/templates/rbac.yaml (karl-operator.rules), with a comment saying which "
                    + "part of the operator needs it. Requests:\n" + examples(operator, missing));
        }
        SortedSet<String> admissionNotGranted = minus(new TreeSet<>(NEEDED_BY_ADMISSION.keySet()), granted);
        assertTrue(admissionNotGranted.isEmpty(), "needed by admission but not granted: " + admissionNotGranted);
        SortedSet<String> unused = minus(minus(granted, used), NEEDED_BY_ADMISSION.keySet());
        if (!unused.isEmpty()) {
            fail("the ClusterRole grants what no request of the operator used: " + unused + "\nRemove it from "
                    + "helm/karl-operator/templates/rbac.yaml; if the code really needs it, extend this test's "
                    + "workload until a request uses it (or, for a permission that admission checks and no "
                    + "request shows, add it to NEEDED_BY_ADMISSION with the reason).");
        }
        SortedSet<String> admissionUsed = new TreeSet<>(NEEDED_BY_ADMISSION.keySet());
        admissionUsed.retainAll(used);
        assertTrue(admissionUsed.isEmpty(), "requests use these: take them out of NEEDED_BY_ADMISSION: " + admissionUsed);
    }

    /**
     * The Lease requests of leader election, by the same Fabric8 LeaderElector and LeaseLock JOSDK's
     * LeaderElectionManager runs, are allowed by the leader-election Role (with its resourceNames), and the
     * Role passes JOSDK's start-up check (a SelfSubjectRulesReview whose lease rules, for this Lease name or
     * any, must together hold create, update and get).
     */
    @Test
    void leaderElectionNeedsOnlyItsLeaseRole() throws Exception {
        RenderedChart chart = RenderedChart.render(Map.of());
        String leaseName = chart.env("KARL_LEADER_ELECTION_LEASE_NAME");
        JsonNode role = chart.where(o -> o.path("kind").asText().equals("Role")
                && o.at("/metadata/name").asText().endsWith("-leader-election")).get(0);
        String namespace = role.at("/metadata/namespace").asText();

        Set<String> josdkCheck = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            if (values(rule, "apiGroups").contains("coordination.k8s.io") && values(rule, "resources").contains("leases")
                    && (values(rule, "resourceNames").isEmpty() || values(rule, "resourceNames").contains(leaseName))) {
                josdkCheck.addAll(values(rule, "verbs"));
            }
        }
        assertTrue(josdkCheck.containsAll(List.of("create", "update", "get")), "JOSDK's lease check: " + josdkCheck);

        try (ApiServer server = ApiServer.start(); KubernetesClient client = server.client(OperatorRunner.USER_AGENT)) {
            AtomicReference<Boolean> leading = new AtomicReference<>(false);
            CompletableFuture<?> election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName("karl-operator").withLock(new LeaseLock(namespace, leaseName, "pod-1"))
                    .withLeaseDuration(Duration.ofSeconds(2)).withRenewDeadline(Duration.ofSeconds(1))
                    .withRetryPeriod(Duration.ofMillis(200)).withReleaseOnCancel(true)
                    .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> { }, id -> { }))
                    .build()).build().start();
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> leading.get() && server.requests().snapshot().from(OperatorRunner.USER_AGENT)
                                .verb("patch").resource("leases").count() >= 3);
            } catch (RuntimeException e) {
                throw new AssertionError("leading: " + leading.get() + "; " + server.requests().snapshot(), e);
            }
            election.cancel(true);
            assertTrue(client.leases().inNamespace(namespace).withName(leaseName).get() instanceof Lease);

            Requests requests = server.requests().snapshot().from(OperatorRunner.USER_AGENT);
            List<String> denied = new ArrayList<>();
            for (ApiRequest r : requests.list()) {
                boolean allowed = false;
                for (JsonNode rule : role.path("rules")) {
                    allowed |= values(rule, "apiGroups").contains(r.group())
                            && values(rule, "resources").contains(r.resourceWithSubresource())
                            && values(rule, "verbs").contains(r.verb()) && r.namespace().equals(namespace)
                            && (values(rule, "resourceNames").isEmpty() || values(rule, "resourceNames").contains(r.name()));
                }
                if (!allowed) {
                    denied.add(r.toString());
                }
            }
            assertEquals(List.of(), denied, "lease requests the leader-election Role does not allow");
            // Fabric8's LeaseLock renews with a PATCH; "update" is used by no request, only by JOSDK's check above.
            Set<String> used = new TreeSet<>(requests.permissions());
            used.add("coordination.k8s.io/leases:update");
            SortedSet<String> granted = new TreeSet<>();
            for (JsonNode rule : role.path("rules")) {
                values(rule, "verbs").forEach(verb -> granted.add("coordination.k8s.io/leases:" + verb));
            }
            assertEquals(granted, used, "every verb of the leader-election Role is used");
        }
    }

    // --- the workload ---------------------------------------------------------------------------------

    private void playTheSeedStory() {
        // Conflicts happen on a real cluster (another writer, a stale cache): the first status write of each
        // kind meets one, and the operator re-reads the resource and writes again.
        // A status write that meets one fails the reconcile, which is retried from the informer cache (no get).
        for (String kind : List.of("releaseindexes", "zeodatabases", "karlsites", "evolveruns")) {
            h.faults().inject(FaultRule.on("update", kind + "/status").from(OperatorRunner.USER_AGENT).times(1)
                    .respond(409));
        }
        // JOSDK's finalizer patch that meets one re-reads the resource from the server (get), then patches again.
        for (String kind : List.of("releaseindexes", "zeodatabases")) {
            h.faults().inject(FaultRule.on("patch", kind).from(OperatorRunner.USER_AGENT).times(1).respond(409));
        }
        h.step("the seed story: install, upgrade with evolve, dry run, manual evolve, abort, data-restore rollback, "
                + "refused upgrade, release train");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SeedStory story = new SeedStory(h.client(), h.cluster(), Path.of("samples"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(60), Clock.systemUTC());
        int exit = story.play();
        assertEquals(0, exit, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * An evolve run of production whose Job hangs until the read-only budget is spent: the run fails, stops
     * the running Job (delete) and labels the restored copy for inspection (get, patch).
     */
    private void anEvolveRunFailsWhileItsJobRuns() {
        h.step("an evolve run whose Job hangs past the read-only budget");
        h.cluster().hangJobs(JobMatcher.matching().label(EvolveJobContract.LABEL, "rbac-budget"));
        EvolveRun run = new EvolveRun();
        run.getMetadata().setName("rbac-budget");
        run.getMetadata().setNamespace(NS);
        // production serves acme-3-31 (the story's release train moved it there) with no rollout under way,
        // which refuses a manual run (code and data would come apart): this one is marked as the site's own,
        // which the site ignores (not its target). It evolves to acme-3-33 (the story's, one acme generation
        // further), which the database is behind.
        run.getMetadata().setAnnotations(Map.of(org.karlproject.operator.k8s.Labels.SITE_GENERATION, "1"));
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite("acme-production");
        spec.setRelease("acme-3-33");
        spec.setReadOnlyBudgetSeconds(600);
        run.setSpec(spec);
        run = h.apply(run);
        String job = h.await(run, "to be Evolving", r -> r.getStatus() != null && r.getStatus().getJob() != null
                && r.getStatus().getPhase() == EvolvePhase.Evolving).getStatus().getJob();
        h.awaitThat("the evolve Job " + job + " runs", () -> h.client().batch().v1().jobs().inNamespace(NS)
                .withName(job).get() != null);
        clock.moveTo(clock.instant().plus(Duration.ofMinutes(15)));
        ZeoDatabase db = h.client().resources(ZeoDatabase.class).inNamespace(NS).withName("acme-production").get();
        annotate(db, "test/clock", "budget"); // an event that wakes the unfinished run
        EvolveRun failed = h.awaitPhase(run, EvolvePhase.Failed);
        h.awaitThat("the running evolve Job " + job + " is stopped", () -> h.client().batch().v1().jobs()
                .inNamespace(NS).withName(job).get() == null);
        String copy = failed.getStatus().getRestoredVolume();
        h.awaitThat("the copy " + copy + " is labelled for inspection", () -> "true".equals(h.client()
                .persistentVolumeClaims().inNamespace(NS).withName(copy).get().getMetadata().getLabels()
                .get(GROUP + "/inspect")));
    }

    /**
     * Staging, back on its active release with new resources (a new revision: deployed, smoke-checked,
     * switched), keeps one release: the older revisions' Deployments and config copies are deleted.
     */
    private void keptReleasesAreRetired() {
        h.step("acme-staging rolls out a new revision of acme-3-31 and keeps only it");
        KarlSite site = h.client().resources(KarlSite.class).inNamespace(NS).withName("acme-staging").get();
        Set<String> before = siteConfigMaps("acme-staging");
        h.edit(site, s -> {
            s.getSpec().setRelease("acme-3-31");
            s.getSpec().setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("250m")).build());
            s.getSpec().getRollout().setProgressDeadlineSeconds(600);
            s.getSpec().getRollout().setKeepReleases(1);
        });
        h.awaitThat("a config copy of staging retired", () -> !siteConfigMaps("acme-staging").containsAll(before));
    }

    private Set<String> siteConfigMaps(String site) {
        return h.client().configMaps().inNamespace(NS).withLabel(GROUP + "/site", site).list().getItems().stream()
                .map(cm -> cm.getMetadata().getName()).collect(Collectors.toSet());
    }

    /** A new port changes zeo.conf, the Deployment, the Service and the NetworkPolicy: each is patched. */
    private void aSpecChangeUpdatesEveryZeoObject() {
        h.step("rbac-delete moves to port 8200");
        ZeoDatabase db = h.client().resources(ZeoDatabase.class).inNamespace(NS).withName("rbac-delete").get();
        h.edit(db, d -> d.getSpec().setPort(8200));
        h.awaitThat("the NetworkPolicy admits port 8200", () -> h.client().network().v1().networkPolicies()
                .inNamespace(NS).withName("rbac-delete-zeo").get().getSpec().getIngress().get(0).getPorts().get(0)
                .getPort().getIntVal() == 8200);
    }

    /** A database backed up hourly keeping one, moved two hours on; then backup-now. Deleted with Delete. */
    private void backupsScheduledOnDemandAndPruned() throws IOException {
        h.step("scheduled backups, pruning and backup-now on a database with deletionPolicy Delete");
        ZeoDatabase db = database("rbac-delete", DeletionPolicy.Delete);
        BackupSpec backup = new BackupSpec();
        backup.setSchedule("0 * * * *");
        backup.setKeep(1);
        db.getSpec().setBackup(backup);
        db = h.apply(db);
        h.awaitCondition(db, "Ready", "True");
        Instant created = Instant.parse(h.get(db).getMetadata().getCreationTimestamp()).truncatedTo(ChronoUnit.HOURS);
        for (int hour = 1; hour <= 2; hour++) {
            String due = Snapshots.scheduledName(db, created.plus(hour, ChronoUnit.HOURS));
            clock.moveTo(created.plus(hour, ChronoUnit.HOURS).plusSeconds(60));
            annotate(db, "test/clock", String.valueOf(hour));
            h.awaitThat("backup " + due + " ready", () -> VolumeSnapshots.of(h.client()).inNamespace(NS).withName(due)
                    .get() != null && h.get(h.client().resources(ZeoDatabase.class).inNamespace(NS)
                    .withName("rbac-delete").get()).getStatus().getBackups().stream()
                    .anyMatch(b -> b.getName().equals(due) && b.getState() == org.karlproject.operator.api.database.BackupState.Ready));
        }
        String first = Snapshots.scheduledName(db, created.plus(1, ChronoUnit.HOURS));
        h.awaitThat("keep 1 prunes " + first, () -> VolumeSnapshots.of(h.client()).inNamespace(NS).withName(first)
                .get() == null);
        annotate(db, DatabaseObjects.BACKUP_NOW, "rbac-1");
        String onDemand = Snapshots.onDemandName(db, "rbac-1");
        h.awaitThat("on-demand backup " + onDemand, () -> VolumeSnapshots.of(h.client()).inNamespace(NS)
                .withName(onDemand).get() != null);
    }

    /** Production in Maintenance (maintenance page, workers stopped), ReadOnly, and back to Normal. */
    private void maintenanceAndReadOnlyModes() {
        String site = "acme-production";
        for (SiteMode mode : List.of(SiteMode.Maintenance, SiteMode.ReadOnly, SiteMode.Normal)) {
            h.step(site + " in mode " + mode);
            KarlSite current = h.client().resources(KarlSite.class).inNamespace(NS).withName(site).get();
            h.edit(current, s -> s.getSpec().setMode(mode));
            h.awaitThat("the runtime ConfigMap says " + mode, () -> mode.name().equals(Optional.ofNullable(
                    h.client().configMaps().inNamespace(NS).withName(SiteNames.runtime(site)).get())
                    .map(ConfigMap::getData).map(d -> d.get("mode")).orElse(null)));
            boolean maintenance = mode == SiteMode.Maintenance;
            h.awaitThat("the maintenance Deployment " + (maintenance ? "exists" : "is gone"), () -> maintenance
                    == (h.client().apps().deployments().inNamespace(NS).withName(SiteNames.maintenance(site)).get() != null));
        }
    }

    /**
     * A host name added (the Ingress patched), the site moved to an HTTPRoute (the Ingress deleted, the
     * route created), one more host name (the route patched), then none (the route deleted).
     */
    private void routesFollowTheHostnames() {
        String site = "acme-staging";
        h.step(site + " answers to one more host name, moves to a Gateway, to one more, then to none");
        List<String> hosts = new ArrayList<>(siteSpec(site).getHostnames());
        hosts.add("staging2.karl.acme.example");
        editSite(site, s -> s.setHostnames(hosts));
        h.awaitThat("the Ingress routes " + hosts, () -> Optional.ofNullable(h.client().network().v1().ingresses()
                .inNamespace(NS).withName(SiteNames.route(site)).get()).map(i -> i.getSpec().getRules().size())
                .orElse(0) == hosts.size());
        editSite(site, s -> {
            RouteParentRef gateway = new RouteParentRef();
            gateway.setName("public");
            gateway.setNamespace("gateways");
            RoutingSpec routing = new RoutingSpec();
            routing.setKind(RouteKind.HTTPRoute);
            routing.setParentRefs(List.of(gateway));
            s.setRouting(routing);
        });
        h.awaitThat("the HTTPRoute replaces the Ingress", () -> h.client().network().v1().ingresses().inNamespace(NS)
                .withName(SiteNames.route(site)).get() == null && httpRoute(site).isPresent());
        hosts.add("staging3.karl.acme.example");
        editSite(site, s -> s.setHostnames(hosts));
        h.awaitThat("the HTTPRoute routes " + hosts, () -> httpRoute(site).map(r -> r.getSpec().getHostnames().size())
                .orElse(0) == hosts.size());
        editSite(site, s -> s.setHostnames(new ArrayList<>()));
        h.awaitThat("the HTTPRoute is gone", () -> httpRoute(site).isEmpty());
    }

    private KarlSiteSpec siteSpec(String site) {
        return h.client().resources(KarlSite.class).inNamespace(NS).withName(site).get().getSpec();
    }

    private void editSite(String site, java.util.function.Consumer<KarlSiteSpec> change) {
        h.edit(h.client().resources(KarlSite.class).inNamespace(NS).withName(site).get(), s -> change.accept(s.getSpec()));
    }

    private Optional<HTTPRoute> httpRoute(String site) {
        return Optional.ofNullable(h.client().resources(HTTPRoute.class).inNamespace(NS).withName(SiteNames.route(site))
                .get());
    }

    /** One database per deletion policy, each deleted: Retain labels, Snapshot takes a final one, Delete deletes. */
    private void deletionPolicies() throws IOException {
        List<ZeoDatabase> dbs = new ArrayList<>();
        for (DeletionPolicy policy : List.of(DeletionPolicy.Retain, DeletionPolicy.Snapshot)) {
            h.step("a database with deletionPolicy " + policy + " and an on-demand backup");
            ZeoDatabase db = h.apply(database("rbac-" + policy.name().toLowerCase(), policy));
            h.awaitCondition(db, "Ready", "True");
            annotate(db, DatabaseObjects.BACKUP_NOW, "before-delete");
            String backup = Snapshots.onDemandName(db, "before-delete");
            h.awaitThat("backup " + backup, () -> h.get(db).getStatus().getBackups().stream()
                    .anyMatch(b -> b.getName().equals(backup) && b.getState() == org.karlproject.operator.api.database.BackupState.Ready));
            dbs.add(db);
        }
        dbs.add(h.client().resources(ZeoDatabase.class).inNamespace(NS).withName("rbac-delete").get());
        for (ZeoDatabase db : dbs) {
            h.step("delete " + db.getMetadata().getName() + " (" + db.getSpec().getDeletionPolicy() + ")");
            h.client().resource(db).delete();
            h.awaitDeleted(db);
        }
        assertTrue(VolumeSnapshots.of(h.client()).inNamespace(NS).withName(Snapshots.finalName(dbs.get(1))).get() != null,
                "the Snapshot policy took its final snapshot");
    }

    /** Deleting staging (no finalizer) frees the aborted release, whose finalizer then goes. */
    private void deleteASiteAndItsRelease() {
        h.step("delete the staging site, then the release only it used");
        KarlSite staging = h.client().resources(KarlSite.class).inNamespace(NS).withName("acme-staging").get();
        h.client().resource(staging).delete();
        h.awaitDeleted(staging);
        ReleaseIndex broken = h.client().resources(ReleaseIndex.class).inNamespace(NS).withName("acme-3-32").get();
        h.client().resource(broken).delete();
        try {
            h.awaitDeleted(broken);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + h.client().resource(broken).get(), e);
        }
    }

    private ZeoDatabase database(String name, DeletionPolicy policy) throws IOException {
        ZeoDatabase db;
        try (InputStream in = Files.newInputStream(Path.of("samples", "20-database-acme-production.yaml"))) {
            db = h.client().resources(ZeoDatabase.class).load(in).item();
        }
        db.getMetadata().setName(name);
        db.getSpec().setBackup(null);
        db.getSpec().setDeletionPolicy(policy);
        return db;
    }

    private void annotate(ZeoDatabase db, String key, String value) {
        h.edit(db, d -> {
            Map<String, String> annotations = new HashMap<>(Optional.ofNullable(d.getMetadata().getAnnotations())
                    .orElse(Map.of()));
            annotations.put(key, value);
            d.getMetadata().setAnnotations(annotations);
        });
    }

    // --- RBAC ------------------------------------------------------------------------------------------

    /** Every {@code group/resource:verb} a Role's rules grant (no resourceNames: they would narrow a grant). */
    static SortedSet<String> grants(JsonNode role) {
        SortedSet<String> grants = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            assertTrue(values(rule, "resourceNames").isEmpty(), "the operator's rules name no objects: " + rule);
            for (String group : values(rule, "apiGroups")) {
                for (String resource : values(rule, "resources")) {
                    for (String verb : values(rule, "verbs")) {
                        grants.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        return grants;
    }

    private static List<String> values(JsonNode rule, String field) {
        List<String> values = new ArrayList<>();
        rule.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }

    private static SortedSet<String> minus(Set<String> a, Set<String> b) {
        SortedSet<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }

    /** One request per missing permission, to show where it came from. */
    private static String examples(Requests requests, Set<String> permissions) {
        return permissions.stream().map(p -> requests.list().stream().filter(r -> p.equals(permission(r)))
                .findFirst().map(r -> "  " + p + ": " + r.method() + " " + r.path()).orElse(p))
                .collect(Collectors.joining("\n"));
    }

    private static String permission(ApiRequest r) {
        return r.group() + "/" + r.resourceWithSubresource() + ":" + r.verb();
    }

    /** The observed permissions with request counts, for the log and the report. */
    private static String table(Requests requests) {
        SortedMap<String, Long> counts = new TreeMap<>(requests.filter(r -> !r.resource().isEmpty())
                .countBy(RbacBothWaysTest::permission));
        return counts.entrySet().stream().map(e -> String.format("  %-55s %5d  e.g. %s", e.getKey(), e.getValue(),
                        requests.list().stream().filter(r -> e.getKey().equals(permission(r))).findFirst()
                                .map(r -> r.method() + " " + r.path()).orElse("")))
                .collect(Collectors.joining("\n", "permissions used by the operator (requests):\n", ""));
    }
}
