package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.PackResult;
import org.karlproject.operator.api.database.PackStatus;
import org.karlproject.operator.api.database.PreviousVolume;
import org.karlproject.operator.api.database.ReadOnlyHolder;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseStatus;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteStatus;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteRelease;

/**
 * {@code status SITE [--watch] [-o json|yaml]}: a site's tree. {@code --watch} keeps informers on the namespace's
 * sites, databases, runs, Deployments and Events and redraws whenever what it shows changed (no polling).
 */
final class StatusCommand {

    static final String USAGE = """
            Usage: kubectl karl status SITE [--watch [--timeout DURATION]] [-o json|yaml]

            The KarlSite's tree: its phase, mode, active and target release and why it waits or stalled; each
            release revision with its Deployment (ready/desired pods), its state and the rollback available to
            it; the database (served volume, read-only and its holders, generations, last backup, last
            verified backup, last pack, previous volumes kept); the current or last EvolveRun with every step's start, duration and outcome; the
            last events. Colour on a terminal (not with NO_COLOR set).

              -w, --watch          redraw on every change (watches, not polling) until Ctrl-C
              --timeout DURATION   with --watch: stop after this long (e.g. 90s, 10m)
              -o, --output FORMAT  json or yaml: the objects the tree is drawn from
            """;

    static final int EVENTS_SHOWN = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private StatusCommand() {
    }

    static int run(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--watch", "-w", "--timeout=", "-o=", "--output="));
        String site = args.single("SITE");
        Optional<String> format = args.value("-o", "--output");
        if (args.flag("--watch", "-w")) {
            if (format.isPresent()) {
                throw new UsageException("--watch draws the tree; -o prints once");
            }
            Duration timeout = args.value("--timeout").map(Durations::parse).orElse(null);
            return watch(s, site, new CountDownLatch(1), timeout);
        }
        ClusterView view = ClusterView.read(s.client(), s.namespace());
        KarlSite found = ClusterView.named(view.sites(), site)
                .orElseThrow(() -> new Refused("KarlSite " + s.namespace() + "/" + site + " not found"));
        if (format.isPresent()) {
            s.print(objects(view, found), format.get());
        } else {
            s.out.print(render(view, found, s.style, Instant.now()));
        }
        return KubectlKarl.OK;
    }

    /** The objects the tree shows, for {@code -o}. */
    static Map<String, Object> objects(ClusterView view, KarlSite site) {
        Map<String, Object> objects = new LinkedHashMap<>();
        objects.put("site", site);
        objects.put("database", ClusterView.named(view.databases(), site.getSpec().getDatabase()).orElse(null));
        objects.put("evolveRun", run(view, site).orElse(null));
        List<Map<String, Object>> deployments = new ArrayList<>();
        for (SiteRelease r : releases(site)) {
            deployment(view, r).ifPresent(d -> deployments.add(Map.of("name", d.getMetadata().getName(),
                    "ready", ready(d), "desired", desired(d))));
        }
        objects.put("deployments", deployments);
        objects.put("events", events(view, site));
        return objects;
    }

    /**
     * Watches until {@code stop} is counted down (tests), the timeout passes or the process ends: draws the tree,
     * then again after every change that alters it.
     */
    static int watch(Session s, String site, CountDownLatch stop, Duration timeout) throws InterruptedException {
        KubernetesClient client = s.client();
        String ns = s.namespace();
        Semaphore changed = new Semaphore(0);
        ResourceEventHandler<HasMetadata> signal = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                changed.release();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                changed.release();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                changed.release();
            }
        };
        List<SharedIndexInformer<?>> informers = new ArrayList<>();
        try {
            SharedIndexInformer<ReleaseIndex> releases = inform(client.resources(ReleaseIndex.class), ns, signal, informers);
            SharedIndexInformer<ZeoDatabase> databases = inform(client.resources(ZeoDatabase.class), ns, signal, informers);
            SharedIndexInformer<KarlSite> sites = inform(client.resources(KarlSite.class), ns, signal, informers);
            SharedIndexInformer<EvolveRun> runs = inform(client.resources(EvolveRun.class), ns, signal, informers);
            SharedIndexInformer<Deployment> deployments = inform(client.apps().deployments(), ns, signal, informers);
            SharedIndexInformer<Event> events = inform(client.v1().events(), ns, signal, informers);
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            String shown = null;
            while (stop.getCount() > 0 && System.nanoTime() < deadline) {
                ClusterView view = new ClusterView(releases.getStore().list(), databases.getStore().list(),
                        sites.getStore().list(), runs.getStore().list(), deployments.getStore().list(), events.getStore().list());
                Optional<KarlSite> found = ClusterView.named(view.sites(), site);
                String text = found.map(k -> render(view, k, s.style, Instant.now()))
                        .orElse("KarlSite " + ns + "/" + site + " not found (waiting for it)\n");
                if (!text.equals(shown)) {
                    redraw(s, text);
                    shown = text;
                }
                // wait for a change, then let a burst of changes settle before drawing again
                if (changed.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(100);
                    changed.drainPermits();
                }
            }
            return KubectlKarl.OK;
        } finally {
            informers.forEach(SharedIndexInformer::stop);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> SharedIndexInformer<T> inform(MixedOperation<T, ?, ?> op, String ns,
            ResourceEventHandler<HasMetadata> signal, List<SharedIndexInformer<?>> informers) {
        SharedIndexInformer<T> informer = op.inNamespace(ns).inform((ResourceEventHandler<T>) (ResourceEventHandler<?>) signal, 0);
        informers.add(informer);
        return informer;
    }

    private static void redraw(Session s, String text) {
        if (s.style.color()) {
            s.out.print("\u001b[H\u001b[2J");
        } else {
            s.out.println("--- " + CLOCK.format(Instant.now()) + " " + "-".repeat(60));
        }
        s.out.print(text);
        s.out.flush();
    }

    /** The tree, as text. */
    static String render(ClusterView view, KarlSite site, Style style, Instant now) {
        StringBuilder t = new StringBuilder();
        KarlSiteStatus st = site.getStatus() == null ? new KarlSiteStatus() : site.getStatus();
        String phase = st.getPhase() == null ? "(no status yet)" : st.getPhase().name();
        t.append(style.bold("KarlSite " + site.getMetadata().getNamespace() + "/" + site.getMetadata().getName()))
                .append("  ").append(style.state(phase))
                .append("  mode ").append(st.getMode() != null ? st.getMode().name() : site.getSpec().getMode().name())
                .append("  ").append(site.getSpec().getEnvironment()).append('\n');
        t.append("  release   active ").append(or(st.getActiveRelease(), "-")).append("   target ")
                .append(or(st.getTargetRelease(), site.getSpec().getRelease()))
                .append(site.getSpec().getRelease().equals(st.getTargetRelease()) || st.getTargetRelease() == null ? ""
                        : "   spec " + site.getSpec().getRelease())
                .append('\n');
        condition(st.getConditions(), "Reconciling").ifPresent(c -> t.append("  waiting   ")
                .append(style.state(c.getReason())).append(": ").append(or(c.getMessage(), "")).append('\n'));
        condition(st.getConditions(), "Stalled").ifPresent(c -> t.append("  stalled   ")
                .append(style.red(c.getReason())).append(": ").append(or(c.getMessage(), "")).append('\n'));

        t.append(style.bold("Revisions")).append('\n');
        List<SiteRelease> releases = releases(site);
        if (releases.isEmpty()) {
            t.append("  (none yet)\n");
        }
        for (int i = 0; i < releases.size(); i++) {
            SiteRelease r = releases.get(i);
            String pods = deployment(view, r).map(d -> ready(d) + "/" + desired(d) + " ready").orElse("no Deployment");
            t.append(i == releases.size() - 1 ? "  └─ " : "  ├─ ").append(pad(r.getRelease(), 18))
                    .append(pad(style.state(or(r.getState(), "")), 10, style)).append(" rev ").append(pad(or(r.getRevision(), "-"), 10))
                    .append(pad(or(r.getDeployment(), "-"), 30)).append(' ').append(pods);
            rollbackOf(st, r.getRelease()).ifPresent(o -> t.append("   rollback: ").append(o.getKind())
                    .append(o.getVolume() == null ? "" : " to volume " + o.getVolume())
                    .append(o.getDiscardsWritesSince() == null ? "" : ", discards writes since " + o.getDiscardsWritesSince()));
            t.append('\n');
        }

        Optional<ZeoDatabase> db = ClusterView.named(view.databases(), site.getSpec().getDatabase());
        t.append(style.bold("Database " + site.getSpec().getDatabase()));
        if (db.isEmpty()) {
            t.append("  not found\n");
        } else {
            database(t, db.get(), style);
        }

        Optional<EvolveRun> run = run(view, site);
        if (run.isPresent()) {
            evolveRun(t, run.get(), style, now);
        }

        List<Event> events = events(view, site);
        t.append(style.bold("Events")).append(events.isEmpty() ? "  (none)" : "").append('\n');
        for (Event e : events) {
            t.append("  ").append(clock(ClusterView.eventTime(e))).append("  ")
                    .append(pad("Warning".equals(e.getType()) ? style.red("Warning") : "Normal", 8, style)).append(' ')
                    .append(pad(e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(), 34)).append(' ')
                    .append(pad(or(e.getReason(), ""), 22)).append(' ').append(or(e.getMessage(), "").replace('\n', ' '))
                    .append('\n');
        }
        return t.toString();
    }

    private static void database(StringBuilder t, ZeoDatabase db, Style style) {
        ZeoDatabaseStatus st = db.getStatus() == null ? new ZeoDatabaseStatus() : db.getStatus();
        t.append("  ").append(style.state(condition(st.getConditions(), "Ready").map(c -> "True".equals(c.getStatus())
                ? "Ready" : "NotReady").orElse("NotReady"))).append('\n');
        boolean readOnly = st.getReadOnly() != null && Boolean.TRUE.equals(st.getReadOnly().getActive());
        t.append("  volume    ").append(or(st.getActiveVolume(), "-")).append("   ")
                .append(readOnly ? style.red("read-only") + " since " + or(st.getReadOnly().getSince(), "?") : "writable")
                .append('\n');
        if (st.getReadOnly() != null) {
            for (ReadOnlyHolder h : st.getReadOnly().getHolders()) {
                t.append("    held by ").append(h.getKind()).append('/').append(h.getName())
                        .append(h.getSince() == null ? "" : " since " + h.getSince()).append('\n');
            }
        }
        t.append("  generations ").append(generations(st.getGenerations())).append('\n');
        BackupRecord backup = st.getLastBackup();
        t.append("  last backup ").append(backup == null ? "none" : backup.getName() + " " + or(backup.getTime(), "")
                + " " + style.state(or(backup.getState(), "")) + (backup.getTrigger() == null ? "" : " (" + backup.getTrigger() + ")"))
                .append('\n');
        BackupRecord verified = st.getLastVerifiedBackup();
        if (verified != null || st.getDrill() != null) { // only where drills are set up (spec.backup.verify)
            t.append("  verified  ").append(verified == null ? "no backup yet" : verified.getName() + " (backup of "
                    + or(verified.getTime(), "?") + ") at " + or(verified.getVerifiedAt(), "?")).append('\n');
        }
        PackStatus pack = st.getPack();
        if (pack != null) { // the last pack (spec.pack)
            t.append("  pack      ").append(or(pack.getId(), "?")).append(' ')
                    .append(pack.getResult() == PackResult.Failed ? style.red("Failed") : style.state(String.valueOf(pack.getResult())));
            if (pack.getResult() == PackResult.Succeeded && pack.getSizeBeforeBytes() != null && pack.getSizeAfterBytes() != null) {
                t.append(' ').append(bytes(pack.getSizeBeforeBytes())).append(" -> ").append(bytes(pack.getSizeAfterBytes()))
                        .append(pack.getDurationSeconds() == null ? "" : " in " + pack.getDurationSeconds() + "s");
            } else if (pack.getResult() == PackResult.Failed) {
                t.append(' ').append(or(pack.getReason(), "")).append(": ").append(or(pack.getMessage(), ""));
            }
            t.append('\n');
        }
        for (PreviousVolume v : st.getPreviousVolumes()) {
            t.append("  previous  ").append(v.getName()).append("  ").append(generations(v.getGenerations()))
                    .append("  retired ").append(or(v.getRetiredAt(), "?")).append(v.getReason() == null ? "" : ": " + v.getReason())
                    .append('\n');
        }
        if (st.getRollbackDiscard() != null) { // what the last data-restore rollback discards
            var d = st.getRollbackDiscard();
            t.append("  rollback discards ").append(or(d.getDiscardedVolume(), "?")).append(" transactions after ")
                    .append(or(d.getAfterTransaction(), "the switch")).append(" up to ").append(or(d.getUpToTransaction(), "?"))
                    .append(" (KarlSite/").append(or(d.getSite(), "?")).append(")\n");
        }
    }

    /** A size as kubectl would read it: 1.5 GiB, 320 MiB, 12 KiB, 900 B. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : (v >= 100 ? String.valueOf(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    private static void evolveRun(StringBuilder t, EvolveRun run, Style style, Instant now) {
        var st = run.getStatus();
        String phase = st == null || st.getPhase() == null ? "Pending" : st.getPhase().name();
        t.append(style.bold("EvolveRun " + run.getMetadata().getName())).append("  ").append(style.state(phase))
                .append("  ").append(run.getSpec().getRelease()).append(Boolean.TRUE.equals(run.getSpec().getDryRun()) ? "  dry run" : "");
        if (st != null && !st.getFromGenerations().isEmpty()) {
            t.append("  ").append(generations(st.getFromGenerations())).append(" -> ").append(generations(st.getToGenerations()));
        }
        if (st != null && st.getReadOnlySeconds() != null) {
            t.append("  read-only ").append(st.getReadOnlySeconds()).append("s");
        }
        t.append('\n');
        if (st == null) {
            return;
        }
        for (EvolveStepRecord step : st.getSteps()) {
            String duration = Durations.between(step.getStarted(), step.getFinished() != null ? step.getFinished() : now.toString());
            t.append("  ").append(pad(step.getName() == null ? "?" : step.getName().name(), 17)).append(clock(step.getStarted()))
                    .append("  ").append(pad(duration + (step.getFinished() == null ? "…" : ""), 8)).append(' ')
                    .append(style.state(or(step.getOutcome(), step.getFinished() == null ? "running" : "")))
                    .append(step.getMessage() == null ? "" : "  " + step.getMessage()).append('\n');
        }
    }

    static List<SiteRelease> releases(KarlSite site) {
        return site.getStatus() == null ? List.of() : site.getStatus().getReleases();
    }

    static Optional<Deployment> deployment(ClusterView view, SiteRelease r) {
        return r.getDeployment() == null ? Optional.empty() : ClusterView.named(view.deployments(), r.getDeployment());
    }

    static int ready(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
    }

    static int desired(Deployment d) {
        return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static Optional<RollbackOption> rollbackOf(KarlSiteStatus st, String release) {
        return st.getRollback().stream().filter(o -> release.equals(o.getRelease())).findFirst();
    }

    /** The site's current run ({@code status.evolveRun}), else its newest run. */
    static Optional<EvolveRun> run(ClusterView view, KarlSite site) {
        String current = site.getStatus() == null ? null : site.getStatus().getEvolveRun();
        if (current != null) {
            Optional<EvolveRun> named = ClusterView.named(view.runs(), current);
            if (named.isPresent()) {
                return named;
            }
        }
        return view.runs().stream().filter(r -> site.getMetadata().getName().equals(r.getSpec().getSite()))
                .max(Comparator.comparing((EvolveRun r) -> or(r.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(r -> r.getMetadata().getName()));
    }

    /** The last events about the site, its database and its run, oldest first. */
    static List<Event> events(ClusterView view, KarlSite site) {
        List<Event> about = new ArrayList<>(view.eventsOf("KarlSite", site.getMetadata().getName()));
        about.addAll(view.eventsOf("ZeoDatabase", site.getSpec().getDatabase()));
        run(view, site).ifPresent(r -> about.addAll(view.eventsOf("EvolveRun", r.getMetadata().getName())));
        about.sort(Comparator.comparing((Event e) -> or(ClusterView.eventTime(e), ""))
                .thenComparing(e -> or(e.getMetadata().getResourceVersion(), "")));
        return about.subList(Math.max(0, about.size() - EVENTS_SHOWN), about.size());
    }

    static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())
                || type.equals("Ready") && type.equals(c.getType())).findFirst();
    }

    static String generations(Map<String, Long> generations) {
        return generations == null || generations.isEmpty() ? "-" : generations.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    static String clock(String time) {
        try {
            return CLOCK.format(Instant.parse(time));
        } catch (RuntimeException e) {
            return pad(or(time, "-"), 8);
        }
    }

    static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** An enum's name (as the API spells it), or {@code otherwise} when unset. */
    static String or(Enum<?> value, String otherwise) {
        return value == null ? otherwise : value.name();
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    /** Pads text that may carry colour codes, by its visible length. */
    static String pad(String text, int width, Style style) {
        int visible = text.replaceAll("\u001b\\[[0-9;]*m", "").length();
        return visible >= width ? text + " " : text + " ".repeat(width - visible);
    }
}
