package org.karlproject.operator.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.k8s.Names;
import org.karlproject.operator.site.rollout.SiteNames;

/**
 * The invariant monitor: on every change of the simulated cluster's state (a workload's pods, a ZEO server
 * starting or stopping, a status a reconciler wrote, a Service's selector), it checks what must always hold
 * and records every violation, with the moment it was seen:
 * <ul>
 *   <li><b>read-only is true</b>: a ZeoDatabase that reports {@code status.readOnly.active: true} has no
 *       writable ZEO server running;</li>
 *   <li><b>one ZEO process per volume</b>: no ZEO workload runs two pods (two servers on one Data.fs);</li>
 *   <li><b>invariant 1, code and data move together</b>: while a site is writable (its database's ZEO is
 *       writable and the pods its stable Service selects are ready), the release those pods run expects
 *       exactly the generations of the data on the volume ZEO serves; and no other pod of the site (a
 *       candidate, a worker, an old release's pod still running) runs a release that expects others. The
 *       data's generations are the lineage's (raised by evolve Jobs) over the generations of the first
 *       release that served writable on data of that identity (KARL initialises a new database at its
 *       release);</li>
 *   <li><b>invariant 2, no committed write is lost</b>: when a database's ZEO starts serving another
 *       volume, that volume holds every write made to the data it served before, unless a data-restore
 *       rollback or a reseed (what the user asked for) retired the previous volume.</li>
 * </ul>
 * It runs on the scheduler thread with everything else, so it sees each state exactly as it was; it reads
 * objects from its own informers' caches.
 */
final class Invariants {
    /** A violation: which invariant, when, and what was seen. */
    public record Violation(String invariant, Instant at, String detail) {
        @Override
        public String toString() {
            return at + " " + invariant + ": " + detail;
        }
    }

    private final SimContext sim;
    private final ZeoSimulator zeo;
    private WorkloadSimulator workloads;
    private final List<Violation> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per data identity, the generations of the first release that served writable on it. */
    private final Map<String, Map<String, Long>> initialised = new HashMap<>();
    /** Per ZEO workload uid: the volume it serves, the writes committed before it served that one, its content. */
    private final Map<String, Served> served = new HashMap<>();
    /** Violations already recorded, so that a lasting state is reported once. */
    private final Set<String> reported = new java.util.HashSet<>();
    /** The number of checks so far: a clock that orders what the monitor saw. */
    private long checks;
    /** When (in checks) each database was first seen reporting read-only, and each ZEO server running. */
    private final Map<String, Long> readOnlySeenAt = new HashMap<>();
    private final Map<ZeoServer, Long> serverSeenAt = new HashMap<>();
    private SharedIndexInformer<ZeoDatabase> databases;
    private SharedIndexInformer<KarlSite> sites;
    private SharedIndexInformer<ReleaseIndex> releases;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Deployment> deployments;

    private record Served(String volume, Set<Long> committed, VolumeContent last) {
    }

    Invariants(SimContext sim, ZeoSimulator zeo) {
        this.sim = sim;
        this.zeo = zeo;
    }

    void start(WorkloadSimulator workloadSimulator) {
        this.workloads = workloadSimulator;
        Consumer<HasMetadata> recheck = o -> check();
        databases = sim.client.resources(ZeoDatabase.class).inAnyNamespace()
                .inform(sim.handler("invariants", recheck::accept, recheck::accept));
        sites = sim.client.resources(KarlSite.class).inAnyNamespace()
                .inform(sim.handler("invariants", recheck::accept, recheck::accept));
        releases = sim.client.resources(ReleaseIndex.class).inAnyNamespace().inform();
        services = sim.client.services().inAnyNamespace()
                .inform(sim.handler("invariants", recheck::accept, recheck::accept));
        deployments = sim.client.apps().deployments().inAnyNamespace().inform();
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** The objects of one check, indexed once (a check runs after every change, on fleets of hundreds). */
    private final class View {
        final Map<String, ZeoServer> running = zeo.running();
        final Map<String, List<Deployment>> byNamespace = new HashMap<>();
        final Map<String, List<Deployment>> zeoByOwner = new HashMap<>();
        final Map<String, ZeoDatabase> databaseByKey = new HashMap<>();
        final Map<String, ReleaseIndex> releaseByLabel = new HashMap<>();

        View() {
            ZeoRule rule = sim.settings.zeoRule;
            for (Deployment d : deployments.getStore().list()) {
                byNamespace.computeIfAbsent(d.getMetadata().getNamespace(), k -> new ArrayList<>()).add(d);
                Map<String, String> labels = Optional.ofNullable(d.getMetadata().getLabels()).orElse(Map.of());
                if (rule.labelValue().equals(labels.get(rule.labelKey()))) {
                    Optional.ofNullable(d.getMetadata().getOwnerReferences()).orElse(List.of()).forEach(o ->
                            zeoByOwner.computeIfAbsent(o.getUid(), k -> new ArrayList<>()).add(d));
                }
            }
            databases.getStore().list().forEach(db -> databaseByKey.put(SimContext.key(db), db));
            releases.getStore().list().forEach(r -> releaseByLabel.put(Lineage.key(r.getMetadata().getNamespace(),
                    Names.join(Names.MAX_LABEL, r.getMetadata().getName())), r));
        }

        /** The ZEO Deployments of a database: those it owns that the ZEO rule recognises. */
        List<Deployment> zeoWorkloads(ZeoDatabase db) {
            return zeoByOwner.getOrDefault(db.getMetadata().getUid(), List.of());
        }
    }

    /** Checks every invariant against the state now; called on the scheduler thread after each change. */
    void check() {
        if (!sim.settings.invariants || databases == null) {
            return;
        }
        View view = new View();
        checks++;
        serverSeenAt.keySet().retainAll(view.running.values());
        view.running.values().forEach(server -> serverSeenAt.putIfAbsent(server, checks));
        for (ZeoDatabase db : view.databaseByKey.values()) {
            for (Deployment workload : view.zeoWorkloads(db)) {
                String key = SimContext.key(workload);
                ZeoServer server = view.running.get(key);
                readOnlyIsTrue(db, server);
                if (workloads.runningPods(key) > 1) {
                    violation("one ZEO process per volume", key + " runs " + workloads.runningPods(key)
                            + " pods on one Data.fs", key + "/" + workload.getMetadata().getGeneration());
                }
                if (server != null) {
                    noWriteLost(db, workload, server);
                }
            }
        }
        for (KarlSite site : sites.getStore().list()) {
            codeAndDataMoveTogether(site, view);
        }
    }

    /**
     * Flags a database that says read-only while a writable ZEO runs that was already running when the
     * monitor first saw it say so. (A writable ZEO started later follows a newer status that the monitor's
     * cache may not hold yet: the operator writes {@code active: false} before the writable template.)
     */
    private void readOnlyIsTrue(ZeoDatabase db, ZeoServer server) {
        String key = SimContext.key(db);
        boolean reported = db.getStatus() != null && db.getStatus().getReadOnly() != null
                && Boolean.TRUE.equals(db.getStatus().getReadOnly().getActive());
        if (!reported) {
            readOnlySeenAt.remove(key);
            return;
        }
        long seen = readOnlySeenAt.computeIfAbsent(key, k -> checks);
        if (server != null && !server.readOnly() && serverSeenAt.getOrDefault(server, checks) <= seen) {
            violation("read-only is true", "ZeoDatabase " + key + " reports readOnly.active=true"
                    + " while its ZEO " + server.workload() + " serves " + server.volume() + " writable", null);
        }
    }

    private void noWriteLost(ZeoDatabase db, Deployment workload, ZeoServer server) {
        String uid = workload.getMetadata().getUid();
        Optional<VolumeContent> content = volume(server.volume());
        if (content.isEmpty()) {
            return;
        }
        Served before = served.get(uid);
        if (before == null || before.volume().equals(server.volume())) {
            served.put(uid, new Served(server.volume(), before == null ? Set.of() : before.committed(),
                    content.get()));
            return;
        }
        // ZEO moved to another volume: everything its database held until now is committed
        Set<Long> committed = new TreeSet<>(before.committed());
        committed.addAll(before.last().writes());
        String previous = before.volume().substring(before.volume().indexOf('/') + 1);
        boolean consented = Optional.ofNullable(db.getStatus()).stream()
                .flatMap(s -> s.getPreviousVolumes().stream()).filter(p -> previous.equals(p.getName()))
                .map(PreviousVolume::getReason).filter(Objects::nonNull)
                .anyMatch(r -> r.startsWith("Rollback ") || r.startsWith("Reseed "));
        Set<Long> missing = new TreeSet<>(committed);
        missing.removeAll(content.get().writes());
        if (!missing.isEmpty() && !consented) {
            violation("no committed write is lost", "ZEO " + server.workload() + " moved from " + before.volume()
                    + " to " + server.volume() + ", which lacks " + missing.size() + " committed writes (e.g. "
                    + missing.stream().limit(5).toList() + ")", uid + "/" + server.volume());
        }
        served.put(uid, new Served(server.volume(), consented ? Set.of() : committed, content.get()));
    }

    private void codeAndDataMoveTogether(KarlSite site, View view) {
        String ns = site.getMetadata().getNamespace();
        String database = site.getSpec() == null ? null : site.getSpec().getDatabase();
        ZeoDatabase db = database == null ? null : view.databaseByKey.get(Lineage.key(ns, database));
        Optional<ZeoServer> writable = db == null ? Optional.empty() : view.zeoWorkloads(db).stream()
                .map(d -> view.running.get(SimContext.key(d))).filter(s -> s != null && !s.readOnly()).findFirst();
        if (writable.isEmpty()) {
            return;
        }
        Service stable = services.getStore().getByKey(Cache.namespaceKeyFunc(ns,
                SiteNames.stableService(site.getMetadata().getName())));
        Optional<VolumeContent> data = volume(writable.get().volume());
        if (stable == null || stable.getSpec().getSelector() == null || stable.getSpec().getSelector().isEmpty()
                || data.isEmpty()) {
            return;
        }
        Map<String, String> selector = stable.getSpec().getSelector();
        String name = site.getMetadata().getName();
        List<Deployment> running = new ArrayList<>();
        for (Deployment d : view.byNamespace.getOrDefault(ns, List.of())) {
            Map<String, String> labels = templateLabels(d);
            if (!labels.containsKey(Labels.RELEASE)) {
                continue;
            }
            if (labels.entrySet().containsAll(selector.entrySet()) && workloads.readyPods(SimContext.key(d)) > 0) {
                releaseMatchesData(site, d, writable.get(), data.get(), view, true);
            } else if (name.equals(labels.get(Labels.SITE)) && workloads.runningPods(SimContext.key(d)) > 0) {
                running.add(d);
            }
        }
        // after the selected pods, which record the generations a new database was initialised at
        running.forEach(d -> releaseMatchesData(site, d, writable.get(), data.get(), view, false));
    }

    private static Map<String, String> templateLabels(Deployment d) {
        return Optional.ofNullable(d.getSpec().getTemplate().getMetadata()).map(m -> m.getLabels()).orElse(Map.of());
    }

    /**
     * Flags pods of a site's release (those its stable Service selects, or any of its release's pods running)
     * on writable data of other generations than the release expects. Only pods the stable Service selects
     * initialise the generations of data no evolve touched yet.
     */
    private void releaseMatchesData(KarlSite site, Deployment d, ZeoServer writable, VolumeContent data, View view,
            boolean selected) {
        String ns = site.getMetadata().getNamespace();
        ReleaseIndex release = view.releaseByLabel.get(Lineage.key(ns, templateLabels(d).get(Labels.RELEASE)));
        Map<String, Long> expected = release == null || release.getStatus() == null ? null
                : new TreeMap<>(release.getStatus().getGenerations());
        Map<String, Long> initial = selected && expected != null && !expected.isEmpty()
                ? initialised.computeIfAbsent(data.identity(), k -> Map.copyOf(expected))
                : initialised.get(data.identity());
        if (expected == null || expected.isEmpty() || initial == null) {
            return;
        }
        Map<String, Long> generations = new TreeMap<>(initial);
        data.generations().forEach((manager, g) -> generations.merge(manager, g, Math::max));
        if (!generations.equals(expected)) {
            violation("code and data move together", "site " + SimContext.key(site) + " is writable on "
                    + writable.volume() + " (generations " + generations + ") while "
                    + (selected ? "its stable Service selects " : "pods run of ") + d.getMetadata().getName()
                    + " of release " + release.getMetadata().getName() + ", which expects " + expected,
                    SimContext.key(site) + "/" + d.getMetadata().getName() + "/" + writable.volume() + "/"
                    + generations);
        }
    }

    private Optional<VolumeContent> volume(String key) {
        int slash = key.indexOf('/');
        return sim.lineage.volume(key.substring(0, slash), key.substring(slash + 1));
    }

    /** Records a violation; {@code once}, if given, reports a lasting state only the first time. */
    private void violation(String invariant, String detail, String once) {
        String dedupe = invariant + "|" + (once == null ? detail : once);
        if (reported.add(dedupe)) {
            violations.add(new Violation(invariant, Instant.now(), detail));
        }
    }
}
