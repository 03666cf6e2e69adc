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

/** {@code get [-A] [-o json|yaml]}: every karl resource, one line each, with what matters for its kind. */
final class GetCommand {

    static final String USAGE = """
            Usage: kubectl karl get [-A] [-o json|yaml]

            Every ReleaseIndex, ZeoDatabase, KarlSite and EvolveRun of the namespace (-A: of all), one line each:
              ReleaseIndex  version, basedOn, package count, evolve generations
              ZeoDatabase   served volume, writable or read-only (and by whom), generations, last backup
              KarlSite      phase, active -> target release, mode, the reason it waits or stalled
              EvolveRun     site, release, phase, generations from -> to, read-only seconds, dry run

              -o, --output FORMAT  json or yaml: the objects, as a List
            """;

    private GetCommand() {
    }

    static int run(Session s, List<String> argv) {
        Args args = Args.parse(argv, Set.of("-o=", "--output="));
        if (!args.positional().isEmpty()) {
            throw new UsageException("get takes no names (use status SITE)");
        }
        ClusterView view = ClusterView.read(s.client(), s.allNamespaces ? null : s.namespace());
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(view.releases());
        all.addAll(view.databases());
        all.addAll(view.sites());
        all.addAll(view.runs());
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
            s.out.println((s.allNamespaces ? StatusCommand.pad(r.getMetadata().getNamespace(), 14) : "")
                    + StatusCommand.pad(r.getKind().toLowerCase() + "/" + r.getMetadata().getName(), 44) + line(r, s.style));
        }
        return KubectlKarl.OK;
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
        return "";
    }

    private static String ready(KarlStatus st, Style style) {
        boolean ready = st != null && StatusCommand.condition(st.getConditions(), "Ready").map(c -> "True".equals(c.getStatus()))
                .orElse(false);
        return style.state(ready ? "Ready" : "NotReady");
    }
}
