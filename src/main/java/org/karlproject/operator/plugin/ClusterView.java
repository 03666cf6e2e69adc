package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;

/**
 * What the commands read of a namespace (or of all, {@code namespace == null}): the four kinds, Deployments
 * and Events. Built from lists ({@link #read}) or from informers' caches ({@code status --watch}).
 */
record ClusterView(List<ReleaseIndex> releases, List<ZeoDatabase> databases, List<KarlSite> sites, List<EvolveRun> runs,
        List<Deployment> deployments, List<Event> events) {

    static ClusterView read(KubernetesClient client, String namespace) {
        return new ClusterView(list(client.resources(ReleaseIndex.class), namespace),
                list(client.resources(ZeoDatabase.class), namespace), list(client.resources(KarlSite.class), namespace),
                list(client.resources(EvolveRun.class), namespace),
                namespace == null ? client.apps().deployments().inAnyNamespace().list().getItems()
                        : client.apps().deployments().inNamespace(namespace).list().getItems(),
                namespace == null ? client.v1().events().inAnyNamespace().list().getItems()
                        : client.v1().events().inNamespace(namespace).list().getItems());
    }

    private static <T extends HasMetadata> List<T> list(MixedOperation<T, ? extends KubernetesResourceList<T>, ?> op,
            String namespace) {
        List<T> items = namespace == null ? op.inAnyNamespace().list().getItems() : op.inNamespace(namespace).list().getItems();
        return items.stream().sorted(Comparator.comparing((T r) -> r.getMetadata().getNamespace())
                .thenComparing(r -> r.getMetadata().getName())).toList();
    }

    static <T extends HasMetadata> Optional<T> named(List<T> items, String name) {
        return items.stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /** The events about one object (by kind and name), oldest first. */
    List<Event> eventsOf(String kind, String name) {
        return events.stream().filter(e -> e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
                && name.equals(e.getInvolvedObject().getName())).toList();
    }

    /** When an event last happened (lastTimestamp, eventTime or creation). */
    static String eventTime(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getMetadata().getCreationTimestamp();
    }
}
