package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.site.KarlSite;

/**
 * {@code report [SITE|--all]}: a support bundle. A zip of every karl resource (of the namespace, of one site, or of
 * all namespaces), the children the operator made for them (Deployments, StatefulSets, Services, ConfigMaps,
 * PVCs, Jobs, CronJobs, NetworkPolicies, VolumeSnapshots: those carrying a {@code deploy.karlproject.org/}
 * label or owned by a karl resource), the Events, the operator's logs when readable, and {@code summary.txt} (get and
 * every site's status tree).
 * Secrets are never read.
 */
final class ReportCommand {

    static final String USAGE = """
            Usage: kubectl karl report [SITE | --all] [--output FILE]

            Writes a support bundle to attach to a ticket: a zip with every karl resource of the namespace (with
            SITE: the site, its database, its evolve runs and the releases it runs or keeps; with --all: of every
            namespace), the objects the operator made for them, the Events, and summary.txt (get and each site's
            status tree), one YAML file per object, and the last 5000 lines of the operator's logs when its pods
            (app.kubernetes.io/name=karl-operator) can be read. Secrets are never included, nor read.
              --all            every namespace
              --output FILE    the zip to write (default karl-report-<namespace>-<time>.zip)
            """;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ReportCommand() {
    }

    static int run(Session s, List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("--all", "--output="));
        boolean all = args.flag("--all") || s.allNamespaces;
        String site = args.positional().isEmpty() ? null : args.single("SITE");
        if (all && site != null) {
            throw new UsageException("give SITE or --all, not both");
        }
        String ns = all ? null : s.namespace();
        Path file = Path.of(args.value("--output").orElse("karl-report-" + (all ? "all" : ns) + "-" + STAMP.format(Instant.now()) + ".zip"));
        KubernetesClient client = s.client();
        ClusterView view = ClusterView.read(client, ns);
        List<HasMetadata> karl = new ArrayList<>();
        karl.addAll(view.releases());
        karl.addAll(view.databases());
        karl.addAll(view.sites());
        karl.addAll(view.runs());
        if (site != null) {
            karl = ofSite(view, Actions.site(s, site), karl);
        }
        Set<String> uids = new HashSet<>();
        Set<String> names = new HashSet<>();
        karl.forEach(r -> {
            uids.add(r.getMetadata().getUid());
            names.add(r.getMetadata().getName());
        });
        List<HasMetadata> children = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Supplier<List<? extends HasMetadata>> kind : List.<Supplier<List<? extends HasMetadata>>>of(
                () -> items(ns == null ? client.apps().deployments().inAnyNamespace() : client.apps().deployments().inNamespace(ns)),
                () -> items(ns == null ? client.apps().statefulSets().inAnyNamespace() : client.apps().statefulSets().inNamespace(ns)),
                () -> items(ns == null ? client.services().inAnyNamespace() : client.services().inNamespace(ns)),
                () -> items(ns == null ? client.configMaps().inAnyNamespace() : client.configMaps().inNamespace(ns)),
                () -> items(ns == null ? client.persistentVolumeClaims().inAnyNamespace() : client.persistentVolumeClaims().inNamespace(ns)),
                () -> items(ns == null ? client.batch().v1().jobs().inAnyNamespace() : client.batch().v1().jobs().inNamespace(ns)),
                () -> items(ns == null ? client.batch().v1().cronjobs().inAnyNamespace() : client.batch().v1().cronjobs().inNamespace(ns)),
                () -> items(ns == null ? client.network().v1().networkPolicies().inAnyNamespace()
                        : client.network().v1().networkPolicies().inNamespace(ns)),
                () -> items(ns == null ? client.genericKubernetesResources("snapshot.storage.k8s.io/v1", "VolumeSnapshot").inAnyNamespace()
                        : client.genericKubernetesResources("snapshot.storage.k8s.io/v1", "VolumeSnapshot").inNamespace(ns)))) {
            try {
                kind.get().stream().filter(o -> madeForKarl(o, uids, names, site)).forEach(children::add);
            } catch (KubernetesClientException e) {
                skipped.add(e.getMessage());
            }
        }
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        PrintStream text = new PrintStream(summary, true, StandardCharsets.UTF_8);
        text.println("karl-operator support bundle, " + Instant.now() + ", " + (all ? "all namespaces" : "namespace " + ns)
                + (site == null ? "" : ", site " + site));
        karl.forEach(r -> text.println(r.getMetadata().getNamespace() + "  " + r.getKind().toLowerCase() + "/"
                + r.getMetadata().getName() + "  " + GetCommand.line(r, new Style(false))));
        for (HasMetadata r : karl) {
            if (r instanceof KarlSite k) {
                text.println();
                text.print(StatusCommand.render(view, k, new Style(false), Instant.now()));
            }
        }
        Map<String, String> logs = operatorLogs(client, skipped);
        skipped.forEach(e -> text.println("not collected: " + e));
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "summary.txt", summary.toByteArray());
            for (HasMetadata r : karl) {
                put(zip, path(r), Session.YAML.writeValueAsBytes(r));
            }
            for (HasMetadata r : children) {
                put(zip, path(r), Session.YAML.writeValueAsBytes(r));
            }
            put(zip, "events.yaml", Session.YAML.writeValueAsBytes(Map.of("items", view.events())));
            for (Map.Entry<String, String> log : logs.entrySet()) {
                put(zip, log.getKey(), log.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        s.out.println("wrote " + file + ": " + karl.size() + " karl resources, " + children.size() + " children, "
                + view.events().size() + " events, " + logs.size() + " operator logs (no Secrets)");
        return KubectlKarl.OK;
    }

    /**
     * The last lines of the operator's pods' logs (pods labelled {@code app.kubernetes.io/name=karl-operator}, as the
     * chart labels them, in any namespace), by zip path; what cannot be read goes to {@code skipped}.
     */
    private static Map<String, String> operatorLogs(KubernetesClient client, List<String> skipped) {
        Map<String, String> logs = new java.util.TreeMap<>();
        try {
            for (var pod : client.pods().inAnyNamespace().withLabel("app.kubernetes.io/name", "karl-operator").list().getItems()) {
                String ns = pod.getMetadata().getNamespace();
                String name = pod.getMetadata().getName();
                try {
                    String log = client.pods().inNamespace(ns).withName(name).tailingLines(OPERATOR_LOG_LINES).getLog();
                    logs.put("logs/" + ns + "/" + name + ".log", log == null ? "" : log);
                } catch (KubernetesClientException e) {
                    skipped.add("the log of operator pod " + ns + "/" + name + ": " + KubectlKarl.describe(e));
                }
            }
        } catch (KubernetesClientException e) {
            skipped.add("the operator's pods: " + KubectlKarl.describe(e));
        }
        return logs;
    }

    static final int OPERATOR_LOG_LINES = 5000;

    /** The site, its database, its runs, and the releases it names (with their basedOn chain). */
    private static List<HasMetadata> ofSite(ClusterView view, KarlSite site, List<HasMetadata> karl) {
        Set<String> releases = new HashSet<>();
        releases.add(site.getSpec().getRelease());
        StatusCommand.releases(site).forEach(r -> releases.add(r.getRelease()));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (var r : view.releases()) {
                if (releases.contains(r.getMetadata().getName()) && r.getSpec().getBasedOn() != null) {
                    grew |= releases.add(r.getSpec().getBasedOn());
                }
            }
        }
        String name = site.getMetadata().getName();
        return karl.stream().filter(r -> switch (r.getKind()) {
            case "KarlSite" -> r.getMetadata().getName().equals(name);
            case "ZeoDatabase" -> r.getMetadata().getName().equals(site.getSpec().getDatabase());
            case "EvolveRun" -> name.equals(((org.karlproject.operator.api.evolve.EvolveRun) r).getSpec().getSite());
            default -> releases.contains(r.getMetadata().getName());
        }).toList();
    }

    private static boolean madeForKarl(HasMetadata o, Set<String> uids, Set<String> names, String site) {
        Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
        boolean owned = o.getMetadata().getOwnerReferences() != null
                && o.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uids.contains(ref.getUid()));
        boolean labelled = labels.entrySet().stream().anyMatch(e -> e.getKey().startsWith(Api.GROUP + "/")
                && (site == null || names.contains(e.getValue())));
        return owned || labelled;
    }

    private static List<? extends HasMetadata> items(
            io.fabric8.kubernetes.client.dsl.Listable<? extends KubernetesResourceList<? extends HasMetadata>> op) {
        return op.list().getItems();
    }

    private static String path(HasMetadata r) {
        return (r.getMetadata().getNamespace() == null ? "_cluster" : r.getMetadata().getNamespace()) + "/"
                + r.getKind() + "/" + r.getMetadata().getName() + ".yaml";
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
