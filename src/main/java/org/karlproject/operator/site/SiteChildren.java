package org.karlproject.operator.site;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A site's own children (the objects carrying its site label) as the caches show them, read once per
 * reconcile: what the observer reads and the planner ({@link SiteActions}) compares the status with. The
 * lists are the informers' stores; a lookup by name ({@link Named}) also sees what this operator wrote a
 * moment ago and the watch has not brought yet (JOSDK's own cache of its writes), so nothing is created twice.
 *
 * @param deployments the site's Deployments, by name
 * @param configMaps the site's ConfigMaps, by name
 * @param jobs the site's Jobs, by name
 * @param autoscaled the names of the Deployments a HorizontalPodAutoscaler scales ({@link Autoscaling})
 * @param named the lookup of a child by type and name
 */
record SiteChildren(Map<String, Deployment> deployments, Map<String, ConfigMap> configMaps, Map<String, Job> jobs,
        Set<String> autoscaled, Named named) {

    /** A child of {@code type} by name, from the cache (empty for a null name). */
    interface Named {
        <R extends HasMetadata> Optional<R> get(Class<R> type, String name);
    }

    static SiteChildren observe(SiteCaches caches, String site) {
        return new SiteChildren(byName(caches.children(Deployment.class, site)),
                byName(caches.children(ConfigMap.class, site)), byName(caches.children(Job.class, site)),
                Autoscaling.targets(caches.list(HorizontalPodAutoscaler.class, hpa -> true)), caches::get);
    }

    private static <R extends HasMetadata> Map<String, R> byName(Stream<R> objects) {
        return objects.collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }

    Optional<Deployment> deployment(String name) {
        return named.get(Deployment.class, name);
    }

    Optional<ConfigMap> configMap(String name) {
        return named.get(ConfigMap.class, name);
    }

    Optional<Service> service(String name) {
        return named.get(Service.class, name);
    }

    Optional<Job> job(String name) {
        return named.get(Job.class, name);
    }

    Optional<CronJob> cronJob(String name) {
        return named.get(CronJob.class, name);
    }
}
