package org.karlproject.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.karlproject.operator.api.Api;
import org.karlproject.operator.api.train.ReleaseTrain;
import org.karlproject.operator.sim.PrinterColumns;

/**
 * What the sandbox shows while the story plays: a table of the five kinds with the CRDs' printer
 * columns and each release train's rows ({@link TrainTable}), printed again whenever a row changes, and
 * every Kubernetes Event as it is recorded.
 */
public final class Console implements AutoCloseable {

    static final List<String> PLURALS = List.of("releaseindexes", "zeodatabases", "karlsites", "evolveruns",
            "releasetrains");

    private final KubernetesClient client;
    private final PrintStream out;
    private final Clock clock;
    private final List<PrinterColumns> kinds = PLURALS.stream().map(p -> PrinterColumns.of(p).withoutWide()).toList();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-console");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> seenEvents = new HashSet<>();
    private Watch events;
    private String lastTable = "";

    public Console(KubernetesClient client, PrintStream out, Clock clock) {
        this.client = client;
        this.out = out;
        this.clock = clock;
    }

    public Console start() {
        events = client.v1().events().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Event event) {
                if (action == Action.ADDED && seenEvents.add(event.getMetadata().getUid() + event.getMetadata().getName())) {
                    printEvent(event);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The sandbox is stopping, or the embedded server closed the watch: nothing to show.
            }
        });
        poller.scheduleWithFixedDelay(this::printTableIfChanged, 0, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Prints the table now, whether or not it changed (the summary at the end). */
    public synchronized void printTable() {
        out.print(table(false));
        out.flush();
    }

    synchronized void printTableIfChanged() {
        try {
            String table = table(true);
            if (!table.equals(lastTable)) {
                lastTable = table;
                out.print("\n--- " + clock.instant().toString().substring(11, 19) + " ---\n" + table(false));
                out.flush();
            }
        } catch (RuntimeException e) {
            // A list failing while the server shuts down is not worth a stack trace in the sandbox output.
        }
    }

    /** The table text; {@code forComparison} leaves out ages, which change every second. */
    String table(boolean forComparison) {
        StringBuilder text = new StringBuilder();
        Instant now = clock.instant();
        for (PrinterColumns kind : kinds) {
            List<GenericKubernetesResource> items = new ArrayList<>(client.genericKubernetesResources(
                    new ResourceDefinitionContext.Builder().withGroup(Api.GROUP).withVersion(Api.VERSION)
                            .withPlural(kind.plural()).withKind(kind.kind()).withNamespaced(true).build())
                    .inAnyNamespace().list().getItems());
            if (items.isEmpty()) {
                continue;
            }
            items.sort(Comparator.comparing(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()));
            // several customers: a NAMESPACE column first, as kubectl get -A shows it
            boolean namespaces = items.stream().map(r -> r.getMetadata().getNamespace()).distinct().count() > 1;
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(namespaces ? List.of("NAMESPACE") : List.of());
            header.add(kind.kind().toUpperCase());
            kind.columns().forEach(c -> header.add(c.name().toUpperCase()));
            rows.add(header);
            for (GenericKubernetesResource item : items) {
                List<String> row = new ArrayList<>(namespaces ? List.of(item.getMetadata().getNamespace()) : List.of());
                row.addAll(kind.row(client.getKubernetesSerialization().convertValue(item, JsonNode.class), now));
                if (forComparison) {
                    row = row.subList(0, row.size() - 1);
                }
                rows.add(row);
            }
            text.append(render(rows)).append('\n');
        }
        for (ReleaseTrain train : client.resources(ReleaseTrain.class).inAnyNamespace().list().getItems()) {
            String rows = TrainTable.of(train);
            if (!rows.isEmpty()) {
                text.append(rows).append('\n');
            }
        }
        return text.toString();
    }

    static String render(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                text.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private void printEvent(Event event) {
        synchronized (this) {
            out.printf("  event  %-12s %-32s %-8s %-22s %s%n", event.getInvolvedObject().getKind(),
                    event.getInvolvedObject().getName(), event.getType(), event.getReason(), event.getMessage());
            out.flush();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (events != null) {
            events.close();
        }
    }
}
