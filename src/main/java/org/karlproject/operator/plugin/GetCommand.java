package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.karlproject.operator.api.KarlStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;

/** {@code get [-A] [-o json|yaml]}: every karl resource, one line each, with what matters for its kind. */
final class GetCommand {

    static final String USAGE = """
            Usage: kubectl karl get [-A] [-o json|yaml | -w [--timeout DURATION]]

            Every ReleaseIndex, ZeoDatabase, KarlSite, EvolveRun and ReleaseTrain of the namespace (-A: of all), one
            line each:
              ReleaseIndex  version, basedOn, package count, evolve generations
              ZeoDatabase   served volume, writable or read-only (and by whom), generations, last backup
              KarlSite      phase, active -> target release, mode, the reason it waits or stalled
              EvolveRun     site, release, phase, generations from -> to, read-only seconds, dry run
              ReleaseTrain  phase, karl version, stage and wave, sites done/total, failed sites

              -o, --output FORMAT  json or yaml: the objects, as a List
              -w, --watch          then a line for every change, of every kind (kubectl get -w takes one kind)
              --timeout DURATION   with --watch: stop after this long
            """;

    private GetCommand() {
    }

    static int run(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("-o=", "--output=", "-w", "--watch", "--timeout="));
        if (!args.positional().isEmpty()) {
            throw new UsageException("get takes no names (use status SITE)");
        }
        if (args.flag("-w", "--watch")) {
            if (args.value("-o", "--output").isPresent()) {
                throw new UsageException("--watch prints lines; -o prints once");
            }
            return watch(s, new java.util.concurrent.CountDownLatch(1), args.value("--timeout").map(Durations::parse).orElse(null));
        }
        ClusterView view = ClusterView.read(s.client(), s.allNamespaces ? null : s.namespace());
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(view.releases());
        all.addAll(view.databases());
        all.addAll(view.sites());
        all.addAll(view.runs());
        var trains = s.client().resources(ReleaseTrain.class);
        all.addAll((s.allNamespaces ? trains.inAnyNamespace().list() : trains.inNamespace(s.namespace()).list()).getItems()
                .stream().sorted(java.util.Comparator.comparing((ReleaseTrain t) -> t.getMetadata().getNamespace())
                        .thenComparing(t -> t.getMetadata().getName())).toList());
        Optional<String> format = args.value("-o", "--output");
        if (format.isPresent()) {
            java.util.Map<String, Object> list = new java.util.LinkedHashMap<>();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            list.put("items", all);
            s.print(list, format.get());
            return KubectlKarl.OK;
        }
        if (all.isEmpty()) {
            s.err.println("No karl resources found in " + (s.allNamespaces ? "any namespace" : "namespace " + s.namespace()) + ".");
            return KubectlKarl.OK;
        }
        for (HasMetadata r : all) {
            s.out.println(row(s, r));
        }
        return KubectlKarl.OK;
    }

    private static String row(Session s, HasMetadata r) {
        return (s.allNamespaces ? StatusCommand.pad(r.getMetadata().getNamespace(), 14) : "")
                + StatusCommand.pad(r.getKind().toLowerCase() + "/" + r.getMetadata().getName(), 44) + line(r, s.style);
    }

    /**
     * The lines of every karl resource, then a line each time one's line changes (a deleted one: {@code (deleted)}),
     * from informers, until {@code stop} is counted down or the timeout passes.
     */
    static int watch(Session s, java.util.concurrent.CountDownLatch stop, java.time.Duration timeout) throws InterruptedException {
        java.util.concurrent.BlockingQueue<java.util.Map.Entry<String, String>> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.Map<String, String> shown = new java.util.HashMap<>();
        io.fabric8.kubernetes.client.informers.ResourceEventHandler<HasMetadata> handler = new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                lines.add(java.util.Map.entry(key(obj), row(s, obj)));
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                lines.add(java.util.Map.entry(key(newObj), row(s, newObj)));
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                lines.add(java.util.Map.entry(key(obj), (s.allNamespaces ? StatusCommand.pad(obj.getMetadata().getNamespace(), 14) : "")
                        + StatusCommand.pad(obj.getKind().toLowerCase() + "/" + obj.getMetadata().getName(), 44) + "(deleted)"));
            }
        };
        String ns = s.allNamespaces ? null : s.namespace();
        List<io.fabric8.kubernetes.client.informers.SharedIndexInformer<?>> informers = new ArrayList<>();
        try {
            for (Class<? extends HasMetadata> kind : List.of(ReleaseIndex.class, ZeoDatabase.class, KarlSite.class, EvolveRun.class,
                    ReleaseTrain.class)) {
                informers.add(inform(s, kind, ns, handler));
            }
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            while (stop.getCount() > 0 && System.nanoTime() < deadline) {
                java.util.Map.Entry<String, String> line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (!line.getValue().equals(shown.put(line.getKey(), line.getValue()))) {
                    s.out.println(line.getValue());
                    s.out.flush();
                }
            }
            return KubectlKarl.OK;
        } finally {
            informers.forEach(io.fabric8.kubernetes.client.informers.SharedIndexInformer::stop);
        }
    }

    private static String key(HasMetadata r) {
        return r.getMetadata().getNamespace() + "/" + r.getKind() + "/" + r.getMetadata().getName();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static io.fabric8.kubernetes.client.informers.SharedIndexInformer<?> inform(Session s, Class<? extends HasMetadata> kind,
            String ns, io.fabric8.kubernetes.client.informers.ResourceEventHandler<HasMetadata> handler) {
        var op = s.client().resources(kind);
        return ns == null ? op.inAnyNamespace().inform((io.fabric8.kubernetes.client.informers.ResourceEventHandler) handler, 0)
                : op.inNamespace(ns).inform((io.fabric8.kubernetes.client.informers.ResourceEventHandler) handler, 0);
    }

    static String line(HasMetadata r, Style style) {
        if (r instanceof ReleaseIndex ri) {
            var st = ri.getStatus();
            return ready(st, style) + "  " + ri.getSpec().getVersion()
                    + (ri.getSpec().getBasedOn() == null ? "" : " on " + ri.getSpec().getBasedOn())
                    + "  " + (st != null && st.getPackageCount() != null ? st.getPackageCount() : ri.getSpec().getPackages().size())
                    + " packages  generations " + StatusCommand.generations(st == null ? null : st.getGenerations());
        }
        if (r instanceof ZeoDatabase db) {
            var st = db.getStatus();
            if (st == null) {
                return ready(null, style);
            }
            boolean readOnly = st.getReadOnly() != null && Boolean.TRUE.equals(st.getReadOnly().getActive());
            String holders = readOnly ? " by " + String.join(",", st.getReadOnly().getHolders().stream()
                    .map(h -> h.getKind() + "/" + h.getName()).toList()) : "";
            return ready(st, style) + "  " + StatusCommand.or(st.getActiveVolume(), "-") + "  "
                    + (readOnly ? style.red("read-only") + holders : "writable") + "  " + StatusCommand.generations(st.getGenerations())
                    + "  last backup " + (st.getLastBackup() == null ? "none" : StatusCommand.or(st.getLastBackup().getTime(), "?")
                    + " " + StatusCommand.or(st.getLastBackup().getState(), ""));
        }
        if (r instanceof KarlSite site) {
            var st = site.getStatus();
            if (st == null) {
                return "(no status yet)  target " + site.getSpec().getRelease();
            }
            String why = StatusCommand.condition(st.getConditions(), "Stalled")
                    .or(() -> StatusCommand.condition(st.getConditions(), "Reconciling"))
                    .map(c -> "  " + c.getReason()).orElse("");
            return style.state(st.getPhase() == null ? "" : st.getPhase().name()) + "  " + StatusCommand.or(st.getActiveRelease(), "-")
                    + " -> " + StatusCommand.or(st.getTargetRelease(), site.getSpec().getRelease()) + "  mode "
                    + (st.getMode() == null ? site.getSpec().getMode() : st.getMode()) + why;
        }
        if (r instanceof EvolveRun run) {
            var st = run.getStatus();
            String phase = st == null || st.getPhase() == null ? "Pending" : st.getPhase().name();
            return style.state(phase) + "  site " + run.getSpec().getSite() + "  release " + run.getSpec().getRelease()
                    + (st == null ? "" : "  " + StatusCommand.generations(st.getFromGenerations()) + " -> "
                    + StatusCommand.generations(st.getToGenerations()))
                    + (st != null && st.getReadOnlySeconds() != null ? "  read-only " + st.getReadOnlySeconds() + "s" : "")
                    + (Boolean.TRUE.equals(run.getSpec().getDryRun()) ? "  dry run" : "");
        }
        if (r instanceof ReleaseTrain train) {
            var st = train.getStatus();
            if (st == null) {
                return "(no status yet)  karl " + train.getSpec().getKarlVersion();
            }
            return style.state(st.getPhase() == null ? "" : st.getPhase().name()) + "  karl " + train.getSpec().getKarlVersion()
                    + "  " + StatusCommand.or(st.getStage(), "-") + (st.getWave() == null ? "" : " wave " + st.getWave())
                    + "  done " + StatusCommand.or(st.getProgress(), "-")
                    + "  failed " + st.getCounts().getOrDefault(org.karlproject.operator.api.train.SiteState.Failed, 0);
        }
        return "";
    }

    private static String ready(KarlStatus st, Style style) {
        boolean ready = st != null && StatusCommand.condition(st.getConditions(), "Ready").map(c -> "True".equals(c.getStatus()))
                .orElse(false);
        return style.state(ready ? "Ready" : "NotReady");
    }
}
